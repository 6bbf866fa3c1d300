import Foundation
import Mustache

/// Fills a template's placeholders from a ticket with swift-mustache. A known placeholder with no
/// value on this ticket is left as its `{{name}}` text, so the editor can ask for it before sending.
public enum TemplateRenderer {
    /// `values`: placeholder name → value (names with no value are simply absent).
    public static func render(_ body: String, values: [String: String]) throws -> String {
        let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + body)
        var context: [String: Any] = [:]
        var names = Set(values.keys)
        for tag in Placeholders.tags(in: body) where !tag.name.isEmpty { names.insert(tag.name) }
        for name in names {
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            let value = values[name] ?? "{{\(name)}}"
            if parts.count == 2 {
                var group = context[parts[0]] as? [String: Any] ?? [:]
                group[parts[1]] = value
                context[parts[0]] = group
            } else {
                context[name] = value
            }
        }
        return template.render(context)
    }

    /// Why a template body is not usable, or nil: a Mustache syntax error.
    public static func syntaxError(_ body: String) -> String? {
        do {
            _ = try MustacheTemplate(string: body)
            return nil
        } catch {
            return "not valid Mustache: \(error)"
        }
    }
}

/// The values a ticket gives its placeholders, for the agent writing.
public struct PlaceholderValues: Sendable, Equatable {
    public var values: [String: String]
    public init(_ values: [String: String]) { self.values = values }

    /// Customer, organisation, ticket, agent and custom-field values; `ticket.next_update` is the
    /// next SLA deadline in the customer's zone when one is pending.
    public static func of(
        _ detail: TicketDetail, agent: Agent?, fields: [String: String] = [:]
    ) -> PlaceholderValues {
        of(ticket: detail.ticket, customer: detail.customer, organization: detail.organization, agent: agent, fields: fields)
    }

    /// The same from the rows alone (inserting a template reads only these, not a whole detail).
    public static func of(
        ticket t: Ticket, customer c: Customer, organization: Organization?, agent: Agent?, fields: [String: String]
    ) -> PlaceholderValues {
        var v: [String: String] = [:]
        v["customer.name"] = c.name
        v["customer.first_name"] = firstName(c.name)
        v["customer.email"] = c.email
        v["customer.tier"] = c.tier.rawValue
        v["customer.time_zone"] = c.timeZone
        if let o = organization {
            v["organization.name"] = o.name
            if let d = o.domain { v["organization.domain"] = d }
        }
        v["ticket.id"] = String(t.id ?? 0)
        v["ticket.subject"] = t.subject
        v["ticket.status"] = t.status.rawValue
        v["ticket.priority"] = t.priority.rawValue
        v["ticket.channel"] = t.channel.rawValue
        if let a = t.productArea { v["ticket.product_area"] = a }
        if let due = t.slaDueAt {
            let zone = TimeZone(identifier: c.timeZone) ?? TimeZone(identifier: "UTC")!
            v["ticket.next_update"] = customerTime(due, zone: zone)
        }
        if let a = agent {
            v["agent.name"] = a.name
            v["agent.first_name"] = firstName(a.name)
            v["agent.handle"] = a.handle
        }
        for (k, value) in fields where !value.isEmpty { v["custom.\(k)"] = value }
        return PlaceholderValues(v)
    }

    static func firstName(_ name: String) -> String {
        String(name.split(separator: " ").first ?? Substring(name))
    }

    /// "Mon 24 Nov, 14:00 (Europe/Berlin)": what a customer reads in a promise.
    static func customerTime(_ date: Date, zone: TimeZone) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        let c = cal.dateComponents([.weekday, .day, .month, .hour, .minute], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let hh = c.hour! < 10 ? "0\(c.hour!)" : "\(c.hour!)"
        let mm = c.minute! < 10 ? "0\(c.minute!)" : "\(c.minute!)"
        return "\(days[c.weekday! - 1]) \(c.day!) \(months[c.month! - 1]), \(hh):\(mm) (\(zone.identifier))"
    }
}
