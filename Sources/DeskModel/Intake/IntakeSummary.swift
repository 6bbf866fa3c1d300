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
    }

    /// Messages now on a ticket because of this run.
    public var imported: Int { created + threaded + followUps + autoRecorded }
    public var total: Int { imported + autoIgnored + duplicates + quarantined }

    public var description: String {
        var parts = ["\(created) new ticket\(created == 1 ? "" : "s")", "\(threaded) threaded"]
        if reopened > 0 { parts[1] += " (\(reopened) reopened)" }
        if followUps > 0 { parts.append("\(followUps) follow-up\(followUps == 1 ? "" : "s")") }
        if autoRecorded > 0 { parts.append("\(autoRecorded) auto-repl\(autoRecorded == 1 ? "y" : "ies") recorded") }
        var tail = ["\(duplicates) duplicate\(duplicates == 1 ? "" : "s")", "\(quarantined) quarantined"]
        if autoIgnored > 0 {
            tail.insert("\(autoIgnored) machine mail\(autoIgnored == 1 ? "" : "s") without a ticket skipped", at: 0)
        }
        return "Imported \(imported) of \(total): " + parts.joined(separator: ", ") + "; " + tail.joined(separator: "; ") + "."
    }
}

/// A message that could not be imported, where it was and why.
public struct QuarantinedMail: Sendable, Equatable {
    public var source: String
    public var reason: String
}
