/// What a batch of intake did, counted the way the command's summary reports it.
public struct IntakeSummary: Sendable, Equatable {
    public var created = 0
    public var threaded = 0
    public var reopened = 0
    public var followUps = 0
    public var autoRecorded = 0
    public var autoIgnored = 0
    public var duplicates = 0
    public var quarantined = 0
    /// Replies marked bounced by a delivery report.
    public var bounced = 0
    /// Delivery reports that did not say failed (delayed …), recorded on their replies' tickets.
    public var deliveryReports = 0
    /// The ids named by delivery reports about no message desk sent ("" when one named none).
    public var unknownBounces: [String] = []

    public init() {}

    public mutating func add(_ r: IntakeResult) {
        switch r {
        case .created: created += 1
        case .threaded(_, _, let reopened):
            threaded += 1
            if reopened { self.reopened += 1 }
        case .followUp: followUps += 1
        case .autoRecorded: autoRecorded += 1
        case .autoIgnored: autoIgnored += 1
        case .duplicate: duplicates += 1
        case .failed: quarantined += 1
        case .bounced: bounced += 1
        case .deliveryReport: deliveryReports += 1
        case .unknownBounce(let id): unknownBounces.append(id ?? "")
        }
    }

    public mutating func add(_ other: IntakeSummary) {
        created += other.created
        threaded += other.threaded
        reopened += other.reopened
        followUps += other.followUps
        autoRecorded += other.autoRecorded
        autoIgnored += other.autoIgnored
        duplicates += other.duplicates
        quarantined += other.quarantined
        bounced += other.bounced
        deliveryReports += other.deliveryReports
        unknownBounces += other.unknownBounces
    }

    /// Messages now on a ticket because of this run.
    public var imported: Int { created + threaded + followUps + autoRecorded + bounced + deliveryReports }
    public var total: Int { imported + autoIgnored + duplicates + quarantined + unknownBounces.count }

    public var description: String {
        var parts = ["\(created) new ticket\(created == 1 ? "" : "s")", "\(threaded) threaded"]
        if reopened > 0 { parts[1] += " (\(reopened) reopened)" }
        if followUps > 0 { parts.append("\(followUps) follow-up\(followUps == 1 ? "" : "s")") }
        if autoRecorded > 0 { parts.append("\(autoRecorded) auto-repl\(autoRecorded == 1 ? "y" : "ies") recorded") }
        if bounced > 0 { parts.append("\(bounced) bounce\(bounced == 1 ? "" : "s") marked on the repl\(bounced == 1 ? "y" : "ies")") }
        if deliveryReports > 0 {
            parts.append("\(deliveryReports) delivery report\(deliveryReports == 1 ? "" : "s") recorded (delayed, not failed)")
        }
        var tail: [String] = []
        if autoIgnored > 0 { tail.append("\(autoIgnored) machine mail\(autoIgnored == 1 ? "" : "s") without a ticket skipped") }
        // Each by the id it names: the postmaster can look for it (never a ticket, never dropped silently).
        tail += unknownBounces.prefix(20).map { $0.isEmpty ? "bounce naming no message" : "bounce for unknown message \($0)" }
        if unknownBounces.count > 20 { tail.append("\(unknownBounces.count - 20) more bounces for unknown messages") }
        tail += ["\(duplicates) duplicate\(duplicates == 1 ? "" : "s")", "\(quarantined) quarantined"]
        return "Imported \(imported) of \(total): " + parts.joined(separator: ", ") + "; " + tail.joined(separator: "; ") + "."
    }
}

/// A message that could not be imported, where it was and why.
public struct QuarantinedMail: Sendable, Equatable {
    public var source: String
    public var reason: String
}
