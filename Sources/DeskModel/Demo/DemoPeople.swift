/// The cast of the demo database: branches, agents, organizations and customers.
enum DemoPeople {
    static let branches: [(String, BranchTier)] = [
        ("Billing L1", .tier1), ("Technical L1", .tier1), ("Billing L2", .tier2),
        ("Technical L2", .tier2), ("Engineering", .engineering),
    ]

    /// handle, name, role, tier, branch index.
    static let agents: [(String, String, AgentRole, Int, Int)] = [
        ("ada", "Ada Okafor", .lead, 1, 0),
        ("ben", "Ben Carter", .agent, 1, 0),
        ("chloe", "Chloé Martin", .agent, 1, 1),
        ("dev", "Dev Patel", .agent, 1, 1),
        ("emma", "Emma Lindqvist", .agent, 1, 1),
        ("farid", "Farid Haddad", .specialist, 2, 2),
        ("grace", "Grace Kim", .specialist, 2, 3),
        ("hiro", "Hiro Sato", .specialist, 2, 3),
        ("ines", "Inês Costa", .lead, 2, 3),
        ("jonas", "Jonas Weber", .specialist, 3, 4),
    ]

    /// name, domain, time zone.
    static let organizations: [(String, String, String)] = [
        ("Northwind Traders", "northwind.example", "America/Chicago"),
        ("Globex Corporation", "globex.example", "America/New_York"),
        ("Initech", "initech.example", "America/Los_Angeles"),
        ("Umbrella Health", "umbrella-health.example", "Europe/London"),
        ("Müller & Söhne GmbH", "mueller-soehne.example", "Europe/Berlin"),
        ("Kanda Systems 株式会社", "kanda.example", "Asia/Tokyo"),
        ("Blue Harbor Bank", "blueharbor.example", "Europe/Dublin"),
        ("Oceanic Airlines", "oceanic.example", "Australia/Sydney"),
        ("Vandelay Industries", "vandelay.example", "America/New_York"),
        ("Soylent Foods", "soylent.example", "Europe/Paris"),
        ("Stark Logistics", "stark-logistics.example", "America/Denver"),
        ("Pied Piper", "piedpiper.example", "America/Los_Angeles"),
    ]

    static let firstNames = [
        "Maria", "James", "Priya", "Lukas", "Sofia", "Tom", "Aisha", "Mateo", "Yuki", "Olivia",
        "Noah", "Fatima", "Jan", "Emily", "Kenji", "Zoë", "Omar", "Hannah", "Luca", "Mei",
        "Sven", "Amara", "Diego", "Sara", "Wei", "Anna", "Ravi", "Chloe", "Pavel", "Grace",
    ]
    static let lastNames = [
        "García", "Smith", "Sharma", "Becker", "Rossi", "Nguyen", "Khan", "Silva", "田中", "Brown",
        "Jensen", "Ali", "Kowalski", "Davis", "Watanabe", "Dubois", "Haddad", "Schmidt", "Moretti", "Chen",
        "Larsen", "Okafor", "López", "Cohen", "Zhang", "Novak", "Iyer", "Wilson", "Ivanov", "Park",
    ]
}

/// The demo's reply templates: Markdown with Mustache placeholders, one per common intent and a few more.
enum DemoTemplates {
    /// name, product area, tags, body.
    static let all: [(String, String?, [String], String)] = [
        (
            "billing-double-charge", "billing", ["billing", "refund"],
            "Hi {{customer.first_name}},\n\nThanks for flagging the duplicate charge, and sorry for the trouble. I've reversed the second payment; depending on your bank it takes **5–10 business days** to appear.\n\nBest,\n{{agent.name}}"
        ),
        (
            "invoice-correction", "billing", ["billing", "invoice"],
            "Hi {{customer.first_name}},\n\nI've updated your billing details and reissued the invoice. You'll find the corrected copy attached.\n\n{{agent.name}}"
        ),
        (
            "refund-annual-plan", "refunds", ["refund"],
            "Hi {{customer.first_name}},\n\nYour renewal is within our **14-day refund window**, so I've started a full refund. You'll see it within a week.\n\n{{agent.name}}"
        ),
        (
            "refund-outside-window", "refunds", ["refund"],
            "Hi {{customer.first_name}},\n\nThe renewal is outside the 14-day refund window, so I can't refund it in full, but I can offer account credit for the unused months.\n\n{{agent.name}}"
        ),
        (
            "sync-troubleshooting", "sync", ["sync"],
            "Hi {{customer.first_name}},\n\nLet's get sync working again:\n\n1. Open *Settings → Integrations*\n2. Disconnect and reconnect the calendar account\n3. Wait 10 minutes for the first full sync\n\nIf it still fails, send me the error shown next to the account.\n\n{{agent.name}}"
        ),
        (
            "sync-fix-deployed", "sync", ["sync"],
            "Hi {{customer.first_name}},\n\nEngineering deployed a fix for the sync issue today. Could you check whether new events come through now?\n\n{{agent.name}}"
        ),
        (
            "login-2fa-reset", "login", ["login", "2fa"],
            "Hi {{customer.first_name}},\n\nFor your security I need to verify your identity before resetting two-factor authentication. Please reply from **{{customer.email}}** with the last four digits of the card on file.\n\n{{agent.name}}"
        ),
        (
            "password-reset-email", "login", ["login"],
            "Hi {{customer.first_name}},\n\nOur logs show the reset emails were rejected by your mail server. Please ask IT to allow `no-reply@desk.example`; meanwhile I've sent a one-time login link.\n\n{{agent.name}}"
        ),
        (
            "incident-update", "outage", ["outage", "incident"],
            "Hi {{customer.first_name}},\n\nWe're aware of an incident affecting {{organization.name}} and engineering is working on it. I'll send the next update within **30 minutes**.\n\n{{agent.name}}"
        ),
        (
            "incident-resolved", "outage", ["outage", "incident"],
            "Hi {{customer.first_name}},\n\nThe incident is resolved. A written incident report will follow within 3 business days.\n\n{{agent.name}}"
        ),
        (
            "api-rate-limits", "api", ["api"],
            "Hi {{customer.first_name}},\n\nThe `/v2/reports` endpoint allows 60 requests per minute. I can raise the limit for your key if you tell me your expected peak.\n\n{{agent.name}}"
        ),
        (
            "export-help", "export", ["export"],
            "Hi {{customer.first_name}},\n\nTick *Include custom fields* in the export dialog; date formats follow the workspace locale in *Settings → General*.\n\n{{agent.name}}"
        ),
        (
            "mobile-crash", "mobile", ["mobile"],
            "Hi {{customer.first_name}},\n\nThis crash is fixed in version 6.2.2, rolling out today. Updating from the app store will solve it.\n\n{{agent.name}}"
        ),
        (
            "account-deletion", "account", ["gdpr"],
            "Hi {{customer.first_name}},\n\nI've started the deletion of your account. All personal data is erased within 30 days and I'll confirm in writing.\n\n{{agent.name}}"
        ),
        (
            "integration-reconnect", "integrations", ["integrations"],
            "Hi {{customer.first_name}},\n\nThe integration lost its authorisation. Please reinstall it from *Settings → Integrations*; it picks up where it stopped.\n\n{{agent.name}}"
        ),
        (
            "upgrade-quote", "billing", ["sales"],
            "Hi {{customer.first_name}},\n\nThanks for your interest in upgrading! Your account manager will send a quote today.\n\n{{agent.name}}"
        ),
        (
            "data-import-issue", "data", ["import"],
            "Hi {{customer.first_name}},\n\nI understand how worrying this is. Our backups run hourly, so nothing is lost; our data team is restoring your projects now.\n\n{{agent.name}}"
        ),
        (
            "ask-for-details", nil, ["general"],
            "Hi {{customer.first_name}},\n\nThanks for reaching out. To look into this, could you send:\n\n- the steps you took\n- what you expected and what happened\n- a screenshot if possible\n\n{{agent.name}}"
        ),
        (
            "waiting-on-engineering", nil, ["general"],
            "Hi {{customer.first_name}},\n\nOur engineering team is investigating. I'll update you as soon as I hear back, at the latest by {{ticket.next_update}}.\n\n{{agent.name}}"
        ),
        (
            "closing-check-in", nil, ["general"],
            "Hi {{customer.first_name}},\n\nI haven't heard back, so I'll mark this as solved. Just reply to this email if anything is still not right.\n\n{{agent.name}}"
        ),
        (
            "thanks-for-patience", nil, ["general"],
            "Hi {{customer.first_name}},\n\nThank you for your patience while we sorted this out.\n\n{{agent.name}}"
        ),
        (
            "phone-callback", nil, ["phone"],
            "Hi {{customer.first_name}},\n\nThanks for the call today. As discussed: {{ticket.summary}}\n\n{{agent.name}}"
        ),
    ]
}
