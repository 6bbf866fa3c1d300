/// The support situations the demo database is built from. Each reads like real
/// work: a customer's opening, follow-ups, agent replies and internal notes.
struct DemoScenario {
    let productArea: String
    let tags: [String]
    /// The template this situation calls for (used to measure suggestion quality).
    let intent: String
    let priorities: [TicketPriority]
    let subjects: [String]
    let openings: [String]
    let followUps: [String]
    let replies: [String]
    let notes: [String]
}

enum DemoScenarios {
    static let all: [DemoScenario] = [
        DemoScenario(
            productArea: "billing", tags: ["billing", "dispute"], intent: "billing-double-charge",
            priorities: [.normal, .high, .high],
            subjects: ["Charged twice for invoice %INV%", "Double charge on my card this month", "Why was I billed two times?"],
            openings: [
                "Hi, I just checked my bank statement and invoice %INV% was charged twice on the same day. Please refund the duplicate charge as soon as possible.",
                "Hello, our finance team noticed two identical charges of $%AMT% for the %MONTH% subscription. We only have one workspace. Can you look into this?",
            ],
            followUps: [
                "Any update on this? The duplicate is still showing on our card.",
                "I've attached the bank statement screenshot. Both charges are marked as settled, not pending.",
                "Thanks. How long does the refund usually take to show up?",
                "Our accountant needs a corrected invoice for the quarter close on Friday.",
            ],
            replies: [
                "Thanks for flagging this, and sorry for the trouble. I can see two payments for invoice %INV%; I've asked our billing team to reverse the second one.",
                "The duplicate charge of $%AMT% has been refunded. Depending on your bank it can take 5–10 business days to appear.",
                "I've attached a corrected invoice that shows the single charge and the refund on one page.",
            ],
            notes: [
                "Payment gateway shows a retry after a timeout: both captures succeeded. Known issue PAY-212.",
                "Refund issued in Stripe, ref re_%INV%. Leaving open until customer confirms.",
            ]),
        DemoScenario(
            productArea: "billing", tags: ["billing", "invoice"], intent: "invoice-correction",
            priorities: [.low, .normal],
            subjects: [
                "Wrong VAT number on invoice", "Need company address changed on invoices",
                "Invoice %INV% shows old billing contact",
            ],
            openings: [
                "Our invoices still show the old VAT ID. The correct one is DE%VAT%. Could you reissue the last three invoices?",
                "We moved offices in %MONTH%. Please update the billing address on our account and resend invoice %INV%.",
            ],
            followUps: [
                "Could you also add our PO number to future invoices?",
                "Got the new invoice, but the address line 2 is still missing.",
            ],
            replies: [
                "I've updated the VAT ID on your account. Reissued invoices for the last three months are attached.",
                "Done: the billing address is updated and future invoices will include your PO number.",
            ],
            notes: ["Finance requires the customer's confirmation in writing before reissuing — done, see thread."]),
        DemoScenario(
            productArea: "refunds", tags: ["refund"], intent: "refund-annual-plan",
            priorities: [.normal, .high],
            subjects: [
                "Refund request for annual plan", "Cancel and refund — we switched tools", "Accidental upgrade, please refund",
            ],
            openings: [
                "We renewed the annual plan by mistake two days ago. We no longer use the product. Can we get a refund?",
                "One of our admins upgraded us to the Business plan by accident. Please revert and refund the difference.",
            ],
            followUps: [
                "Is a partial refund possible if we keep two seats?",
                "Please confirm once the refund is processed, our controller is asking.",
            ],
            replies: [
                "Our policy allows a full refund within 14 days of renewal, so you qualify. I've started the refund of $%AMT%.",
                "I've moved you back to the Team plan and refunded the prorated difference. You'll see it within a week.",
            ],
            notes: [
                "Renewal was 2 days ago, inside the 14-day window. Approved without lead sign-off.",
                "Customer mentions a competitor — flag to account owner.",
            ]),
        DemoScenario(
            productArea: "sync", tags: ["sync", "calendar"], intent: "sync-troubleshooting",
            priorities: [.normal, .high, .urgent],
            subjects: [
                "Calendar sync stopped after update", "Events not syncing to Outlook since Tuesday",
                "同期が停止しました (calendar sync stopped)",
            ],
            openings: [
                "Since the update on %MONTH% 3rd, nothing syncs between desk calendar and Google Calendar. Events created on either side just don't show up.",
                "Our team's Outlook calendars stopped receiving events. The sync status says \"last synced 3 days ago\". We reconnected but no luck.",
            ],
            followUps: [
                "Tried disconnecting and reconnecting as you suggested, still nothing after an hour.",
                "Here is what the sync log shows:\n\u{1B}[31mERROR\u{1B}[0m token refresh failed: invalid_grant\n\u{1B}[33mWARN\u{1B}[0m retrying in 300s",
                "It's affecting the whole sales team now, we're missing customer meetings.",
                "Sync is back for me, but two colleagues still see old events.",
            ],
            replies: [
                "Thanks for the details. Could you go to Settings → Integrations → Calendar and tell me the exact error shown next to the account?",
                "The token for your Google connection expired after the password change. Please reconnect from Settings → Integrations; I've reset the sync cursor so a full resync will run.",
                "Engineering rolled out a fix for the sync worker this morning. Could you check whether new events come through now?",
            ],
            notes: [
                "Sync worker logs show invalid_grant for this tenant since the 3rd. Looks like SYNC-88 again.",
                "Asked engineering in #sync-oncall; they confirm a stuck cursor, manual reset done.",
                "Second report this week from this org — consider escalating if it recurs.",
            ]),
        DemoScenario(
            productArea: "sync", tags: ["sync", "contacts"], intent: "sync-troubleshooting",
            priorities: [.normal],
            subjects: ["Contacts duplicated after sync", "Every contact appears three times now"],
            openings: [
                "After connecting our CRM, every contact shows up two or three times. We have about 4,000 contacts so cleaning by hand is not an option."
            ],
            followUps: [
                "Can you at least stop the sync so it doesn't get worse?", "The merge tool only lets me merge 50 at a time.",
            ],
            replies: [
                "I've paused the CRM sync for your workspace so no new duplicates are created. Next, we'll run a server-side dedupe keyed on email."
            ],
            notes: ["Dedupe script needs T2 approval for >1000 records."]),
        DemoScenario(
            productArea: "login", tags: ["login", "2fa"], intent: "login-2fa-reset",
            priorities: [.normal, .high],
            subjects: [
                "Can't log in — 2FA code rejected", "Lost phone, locked out of account", "Two-factor code always \"invalid\"",
            ],
            openings: [
                "Every time I enter the code from my authenticator app it says \"invalid code\". I've tried several times. I'm completely locked out.",
                "I lost my phone with the authenticator app and I don't have my backup codes. How do I get back into my account?",
            ],
            followUps: [
                "I verified the time on my phone is set automatically, still rejected.",
                "I've sent the ID verification you asked for.",
            ],
            replies: [
                "Codes are often rejected when the phone's clock drifts. Please check that the time is set automatically and try again.",
                "For your security, I need to verify your identity before resetting 2FA. Please reply from your account email with the last four digits of the card on file.",
                "Identity confirmed — I've reset two-factor authentication. You'll be asked to set it up again at your next login.",
            ],
            notes: ["Identity verified against billing record. 2FA reset logged in admin console."]),
        DemoScenario(
            productArea: "login", tags: ["login", "email"], intent: "password-reset-email",
            priorities: [.low, .normal],
            subjects: ["Password reset email never arrives", "No reset link in my inbox"],
            openings: [
                "I've requested a password reset five times and no email arrived, not even in spam. My address is the one I'm writing from."
            ],
            followUps: ["Still nothing, and our IT says nothing was blocked."],
            replies: [
                "Our mail logs show the reset emails were rejected by your mail server. Could your IT allow-list no-reply@desk.example?",
                "I've sent a one-time login link manually; it's valid for 30 minutes.",
            ],
            notes: ["Bounce reason: 550 5.7.1 policy rejection at customer's gateway."]),
        DemoScenario(
            productArea: "outage", tags: ["outage", "vip"], intent: "incident-update",
            priorities: [.urgent],
            subjects: [
                "URGENT: dashboard down for our whole team", "Production outage — 500 errors everywhere",
                "Service unavailable for all 300 users 🔥",
            ],
            openings: [
                "Our entire team (300 users) gets a 500 error when opening the dashboard. This is blocking our operations. Please escalate immediately.",
                "Nothing loads since 08:10 our time. We have a board presentation in two hours that depends on these reports.",
            ],
            followUps: [
                "It's been 30 minutes. Do you have an ETA?",
                "Some users can log in now, but reports still time out.",
                "Everything works again. We need a written incident report for our CTO.",
            ],
            replies: [
                "We're aware of an incident affecting dashboards in the EU region and engineering is working on it. I'll update you every 30 minutes.",
                "Update: the root cause is a failed database failover. Service is being restored region by region; reports may be slow for another hour.",
                "The incident is resolved. A full incident report will follow within 3 business days.",
            ],
            notes: [
                "Linked to INC-4471 (EU db failover). Account owner informed.",
                "Strategic account — lead asked for 30-minute update cadence.",
            ]),
        DemoScenario(
            productArea: "api", tags: ["api", "rate-limit"], intent: "api-rate-limits",
            priorities: [.normal, .high],
            subjects: ["API returns 429 under documented limit", "Rate limit errors on /v2/reports"],
            openings: [
                "We send about 40 requests per minute to /v2/reports and get HTTP 429 Too Many Requests, although the docs say 120/min."
            ],
            followUps: [
                "Here are the response headers: X-RateLimit-Remaining: 0, X-RateLimit-Limit: 60.",
                "Can the limit be raised for our key?",
            ],
            replies: [
                "The /v2/reports endpoint has a lower limit (60/min) than the general API; the docs were out of date and are fixed now.",
                "I've raised the limit for your API key to 180 requests per minute.",
            ],
            notes: ["Docs bug filed: DOCS-301. Limit raise approved by T2."]),
        DemoScenario(
            productArea: "export", tags: ["export", "csv"], intent: "export-help",
            priorities: [.low, .normal],
            subjects: ["CSV export missing columns", "Export cuts off at 10,000 rows"],
            openings: ["The CSV export doesn't include the custom fields we added last month. Is there a setting for that?"],
            followUps: ["Found the setting, but dates are exported in US format. We need ISO 8601."],
            replies: [
                "Custom fields are exported when you tick \"Include custom fields\" in the export dialog. Date format follows the workspace locale in Settings → General."
            ],
            notes: []),
        DemoScenario(
            productArea: "mobile", tags: ["mobile", "crash"], intent: "mobile-crash",
            priorities: [.normal, .high],
            subjects: ["App crashes on launch after iOS update", "Android app closes when opening attachments"],
            openings: ["Since updating to the latest iOS, the app crashes immediately on launch. Reinstalling didn't help."],
            followUps: ["Version 6.2.1 (build 4410), iPhone 15.", "The beta build you sent works!"],
            replies: [
                "Could you tell me the app version (Settings → About) and your phone model?",
                "Thanks — this matches a crash fixed in 6.2.2, which is rolling out today. I've also invited you to the beta channel.",
            ],
            notes: ["Crash signature matches MOB-977 (fixed in 6.2.2)."]),
        DemoScenario(
            productArea: "account", tags: ["gdpr", "account"], intent: "account-deletion",
            priorities: [.normal],
            subjects: ["Please delete my account (GDPR)", "Request for a copy of my personal data"],
            openings: ["Under GDPR article 17 I request deletion of my account and all my personal data."],
            followUps: ["Please confirm in writing once it is done."],
            replies: [
                "I've started the deletion. All personal data is erased within 30 days; I'll confirm in writing once it completes."
            ],
            notes: ["Deletion request logged in privacy tracker, due date in 30 days."]),
        DemoScenario(
            productArea: "integrations", tags: ["integrations", "slack"], intent: "integration-reconnect",
            priorities: [.low, .normal],
            subjects: ["Slack notifications stopped", "Zapier zap fails with 401"],
            openings: [
                "We no longer get notifications in our #support Slack channel since yesterday. Nothing changed on our side."
            ],
            followUps: ["Reconnected, works in #support but not in #billing."],
            replies: [
                "The Slack app was uninstalled from your workspace on the 12th, which revoked our token. Please reinstall it from Settings → Integrations → Slack."
            ],
            notes: []),
        DemoScenario(
            productArea: "billing", tags: ["sales", "upgrade"], intent: "upgrade-quote",
            priorities: [.normal],
            subjects: ["Quote for 50 more seats", "Upgrade to Business plan — pricing?"],
            openings: ["We'd like to add 50 seats and move to the Business plan. Could you send a quote with annual billing?"],
            followUps: ["Is there a discount for non-profits?"],
            replies: [
                "I've passed this to your account manager, who will send a quote today. Business plan pricing is on our pricing page."
            ],
            notes: ["Sales lead handed to account owner."]),
        DemoScenario(
            productArea: "data", tags: ["import", "data-loss"], intent: "data-import-issue",
            priorities: [.high, .urgent],
            subjects: ["Data missing after import", "Half of our projects disappeared"],
            openings: [
                "We imported our projects from a spreadsheet yesterday and today about half of them are gone. Nobody deleted anything."
            ],
            followUps: [
                "Audit log shows nothing. This is critical, we have client deliverables in there.",
                "Thank you, everything is back.",
            ],
            replies: [
                "I understand how worrying this is. Our backups run hourly, so nothing is lost. I'm escalating to our data team to restore the projects.",
                "The projects are restored from the 14:00 backup. The import had a duplicate-ID bug that overwrote rows; it's fixed.",
            ],
            notes: ["Import job #88123 overwrote rows with same external id. ENG ticket DATA-55."]),
    ]
}
