extension Policy {
    /// The commented example `desk init` writes and the demo ships; also the built-in default
    /// when no policy file exists beside the database. Kept valid by a test.
    public static let exampleYAML = """
        # desk policy file: the support-ops owner's rules, read by every desk process.
        # Check it with `desk policy check FILE`; the console refuses to start on an invalid one.
        # Reference: docs/policy.md.

        # How tickets move through their life.
        lifecycle:
          # Solved tickets close by themselves after this many days (on the next write, or `desk maintain`).
          auto_close_after_days: 4
          # A customer's ticket is marked "repeated" when another of the same product area
          # was opened within this many days.
          repeat_window_days: 7

        # The teams tickets are routed to. tier: tier1 | tier2 | engineering.
        # public_name: what customers read for the team (the customer update's {{team}}); the
        # name itself stays internal, and an update naming it is refused.
        # assignment: manual (agents take tickets) | round-robin | least-open (fewest open tickets).
        # capacity: open tickets an agent may hold before automatic assignment passes them by.
        branches:
          - name: Billing L1
            public_name: billing team
            tier: tier1
            assignment: round-robin
            capacity: 40
            address: Billing Support <billing@desk.example>
          - name: Technical L1
            public_name: support team
            tier: tier1
            assignment: least-open
            capacity: 40
            address: Technical Support <help@desk.example>
          - name: Billing L2
            public_name: billing specialists
            tier: tier2
            assignment: manual
          - name: Technical L2
            public_name: technical specialists
            tier: tier2
            assignment: manual
          - name: Engineering
            public_name: engineering team
            tier: engineering
            assignment: manual

        # Where a ticket goes when no rule below matches.
        default_branch: Technical L1

        # Routing rules, tried in order; the first that matches decides, and the ticket shows
        # "routed by rule NAME". Every condition given must hold; a list matches any of its values.
        # Conditions: channel (email, chat, web, phone), recipient (address, or *@domain),
        # customer_tier (standard, priority, vip, strategic), organization, product_area,
        # keywords (a regular expression, case-insensitive, tried on subject and first message),
        # language (a tag such as de; de also matches de-AT).
        routing:
          - name: vip-billing
            when:
              customer_tier: [vip, strategic]
              keywords: 'invoice|refund|charge|billing|payment'
            branch: Billing L2
          - name: billing-mailbox
            when:
              channel: email
              recipient: ['billing@desk.example', '*@billing.desk.example']
            branch: Billing L1
          - name: billing-words
            when:
              keywords: 'invoice|refund|charged?|billing|payment|receipt|vat'
            branch: Billing L1
          - name: strategic-technical
            when:
              customer_tier: strategic
            branch: Technical L2
          - name: german-speaking
            when:
              language: de
            branch: Technical L1

        # What each role may do. can: all, or a list of
        # take, assign, status, priority, tag, note, reply, merge, link, route, escalate, templates.
        # statuses: the statuses the role may set by hand (new, open, pending, on-hold, solved, closed).
        roles:
          agent:
            can: [take, assign, status, priority, tag, note, reply, link, route, escalate]
            statuses: [open, pending, on-hold, solved]
          specialist:
            can: all
          lead:
            can: all
          admin:
            can: all

        # When the team works. SLA targets in business time count only these hours.
        # hours: days (mon … sun, ranges like mon-fri, lists like "sat, sun") → local times;
        # several periods a day are separated by commas; an end before the start runs overnight.
        # holidays: YYYY-MM-DD once, or MM-DD every year; a holiday closes the whole local day.
        calendars:
          - name: berlin-office
            time_zone: Europe/Berlin
            hours:
              mon-fri: "09:00-17:00"
            holidays: [01-01, 05-01, 10-03, 12-24, 12-25, 12-26, 12-31, 2026-04-03, 2026-04-06]
          - name: follow-the-sun
            time_zone: UTC
            hours:
              mon-fri: "00:00-24:00"

        # SLA policies, tried in order; the first whose conditions all hold applies, and the
        # ticket records it (re-checked when priority, customer tier or branch change).
        # Conditions: priority, customer_tier, channel, branch. Targets in minutes:
        # first_reply, next_reply, periodic_update, resolution — a number means business minutes
        # of the calendar; {minutes: 60, time: calendar} counts round the clock.
        # pause_on: statuses whose time does not count (default [pending]).
        # warn_at: when a target is "at risk": a share used (75%) or minutes left (30m).
        # How each target is measured: docs/sla.md.
        sla:
          - name: urgent
            when:
              priority: urgent
            calendar: follow-the-sun
            first_reply: {minutes: 30, time: calendar}
            next_reply: {minutes: 60, time: calendar}
            periodic_update: {minutes: 120, time: calendar}
            resolution: {minutes: 480, time: calendar}
            warn_at: 15m
          - name: vip
            when:
              customer_tier: [vip, strategic]
            calendar: berlin-office
            first_reply: 60
            next_reply: 120
            resolution: 960
            pause_on: [pending, on-hold]
          - name: standard
            calendar: berlin-office
            first_reply: 240
            next_reply: 480
            resolution: 2400

        # Escalation (docs/escalation.md). paths: which branches escalate to which (always up a
        # tier); a path to an engineering branch is a bug handoff and wants reproduction steps.
        # act_within_minutes: a trigger nobody acted on (no escalation requested) for longer is a
        # late escalation. triggers: each one is off unless given here.
        # severity: the rubric, rows tried in order on recorded facts only — impact (single, team,
        # organization), urgency (the priority: low → low, normal → medium, high/urgent → high),
        # workaround (yes, no, unknown), customer_tier; the last row has no `when`.
        # customer_update: the customer-safe update (placeholders: customer.name, ticket.id,
        # ticket.subject, team — the next owner's public_name —, agent.name; sections
        # {{#reproduced}}…{{/reproduced}} when the package has repro steps, {{#workaround}}…{{/workaround}}
        # when a workaround is written down, {{workaround}} its text); it goes out only when the
        # agent sends it. Line breaks inside a paragraph are soft: the customer reads paragraphs.
        escalation:
          paths:
            - from: Billing L1
              to: [Billing L2]
            - from: Technical L1
              to: [Technical L2, Engineering]
            - from: Technical L2
              to: [Engineering]
            - from: Billing L2
              to: [Engineering]
          act_within_minutes: 30
          triggers:
            severity: sev2
            customer_tier: [vip, strategic]
            sla_at_risk: 25%
            repeated_ticket: true
            customer_messages_without_resolution: 5
            engineering_without_repro: true
            open_incident: true
          severity:
            - name: outage-no-workaround
              when: {impact: organization, workaround: [no, unknown]}
              severity: sev1
              rationale: Everyone at the customer is stopped and there is no known way round it.
            - name: outage-with-workaround
              when: {impact: organization}
              severity: sev2
              rationale: Everyone at the customer is affected, but a workaround keeps them working.
            - name: team-blocked
              when: {impact: team, workaround: [no, unknown], urgency: [medium, high]}
              severity: sev2
              rationale: A team is stopped with no workaround and the customer needs it soon.
            - name: key-account-blocked
              when: {workaround: no, customer_tier: [vip, strategic]}
              severity: sev2
              rationale: A key account is blocked with no workaround.
            - name: key-account-degraded
              when: {impact: team, workaround: yes, customer_tier: [vip, strategic]}
              severity: sev2
              rationale: A core workflow is degraded for a key account; a workaround keeps them working meanwhile.
            - name: team-affected
              when: {impact: team}
              severity: sev3
              rationale: A team is affected but can keep working, or it can wait.
            - name: single-user-blocked
              when: {impact: single, workaround: no}
              severity: sev3
              rationale: One person is blocked with no workaround.
            - name: default
              severity: sev4
              rationale: One person, or not yet known; nothing recorded makes it more severe.
          customer_update: |
            Hello {{customer.name}},

            Thank you for your patience with ticket #{{ticket.id}} ("{{ticket.subject}}").
            {{#reproduced}}We have reproduced the issue, and our {{team}} are prioritising a fix.{{/reproduced}}{{^reproduced}}We have passed it to our {{team}}, who will take it from here.{{/reproduced}}
            {{#workaround}}

            Until the fix is out, you can work around it: {{workaround}}
            {{/workaround}}

            We will update you as soon as we know more.

            {{agent.name}}

        # Replies and templates (docs/templates.md). custom_fields: ticket fields templates may
        # use as {{custom.NAME}}. internal_markers: text that makes a public reply ask before it
        # goes out. A template is stale when not reviewed for stale_after_days or not used for
        # unused_after_days.
        replies:
          custom_fields: [order_number, plan]
          internal_markers: ["[internal]", "INTERNAL:", "do not share", "agents only", "PAY-", "JIRA-"]
          stale_after_days: 180
          unused_after_days: 90

        # Outbound email (docs/outbound.md): a public reply on an email ticket is sent From its
        # branch's address (else from:). Delivery: sendmail: an argument list, run without a
        # shell, the message on its standard input; or outbox: a Maildir (relative: beside the
        # database). Failed deliveries wait in `desk outbox list` for `desk outbox retry`.
        # timeout_seconds: a sendmail still running after this is stopped and the message marked
        # failed with the reason (default 30).
        mail:
          from: Support <support@desk.example>
          message_id_domain: desk.example
          outbox: outbox
          timeout_seconds: 30

        # Notifications (docs/notifications.md): what concerns an agent (assigned to them, an
        # escalation for them, a customer's reply, an @mention, an SLA at risk, a bounced reply)
        # waits in their notifications list, counted in the status line. bell: whose console also
        # rings the terminal bell when one arrives: all, or a list of agent handles.
        notifications:
          bell: [ada, ben]

        # Giving a ticket to an agent of another branch, or below its branch's tier (a tier-1
        # agent taking a tier-2 ticket): ask (the console asks first, naming the mismatch) or
        # forbid (refused for everyone, the CLI too).
        assignment:
          mismatch: ask

        """

    /// The example, parsed: what desk uses when no policy file exists.
    public static let standard: Policy = {
        do {
            return try Policy.parse(yaml: exampleYAML, file: "built-in policy")
        } catch {
            fatalError("the built-in example policy is invalid: \(error)")
        }
    }()
}
