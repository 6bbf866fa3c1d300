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
        # assignment: manual (agents take tickets) | round-robin | least-open (fewest open tickets).
        # capacity: open tickets an agent may hold before automatic assignment passes them by.
        branches:
          - name: Billing L1
            tier: tier1
            assignment: round-robin
            capacity: 40
          - name: Technical L1
            tier: tier1
            assignment: least-open
            capacity: 40
          - name: Billing L2
            tier: tier2
            assignment: manual
          - name: Technical L2
            tier: tier2
            assignment: manual
          - name: Engineering
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
        # take, assign, status, priority, tag, note, reply, merge, link, route.
        # statuses: the statuses the role may set by hand (new, open, pending, on-hold, solved, closed).
        roles:
          agent:
            can: [take, assign, status, priority, tag, note, reply, link, route]
            statuses: [open, pending, on-hold, solved]
          specialist:
            can: all
          lead:
            can: all
          admin:
            can: all

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
