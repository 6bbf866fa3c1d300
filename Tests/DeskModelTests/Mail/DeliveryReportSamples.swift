/// Delivery reports shaped as the big mailers send them (headers, part layout, field spelling and
/// folding as seen in real bounces; hosts and addresses made up). `id` is the Message-ID of the
/// message that bounced, `reportId` the report's own.
enum DeliveryReportSamples {
    /// Postfix: multipart/report with a text notice, message/delivery-status and the returned
    /// message's headers as text/rfc822-headers; From a bare MAILER-DAEMON with a comment.
    static func postfix(_ id: String, reportId: String = "<20261120104210.8A1B2C3D@mail.desk.example>") -> String {
        """
        Return-Path: <>
        Delivered-To: support@desk.example
        Date: Fri, 20 Nov 2026 10:42:10 +0000 (UTC)
        From: MAILER-DAEMON@mail.desk.example (Mail Delivery System)
        Subject: Undelivered Mail Returned to Sender
        To: support@desk.example
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        \tboundary="8A1B2C3D.1795689730/mail.desk.example"
        Message-Id: \(reportId)

        This is a MIME-encapsulated message.

        --8A1B2C3D.1795689730/mail.desk.example
        Content-Description: Notification
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mail.desk.example.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients. It's attached below.

                           The mail system

        <priya@initech.example>: host mx.initech.example[203.0.113.5] said: 550 5.1.1
            <priya@initech.example>: Recipient address rejected: User unknown in virtual
            mailbox table (in reply to RCPT TO command)

        --8A1B2C3D.1795689730/mail.desk.example
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.desk.example
        X-Postfix-Queue-ID: 8A1B2C3D
        X-Postfix-Sender: rfc822; support@desk.example
        Arrival-Date: Fri, 20 Nov 2026 10:42:05 +0000 (UTC)

        Final-Recipient: rfc822; priya@initech.example
        Original-Recipient: rfc822;priya@initech.example
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mx.initech.example
        Diagnostic-Code: smtp; 550 5.1.1 <priya@initech.example>: Recipient address
            rejected: User unknown in virtual mailbox table

        --8A1B2C3D.1795689730/mail.desk.example
        Content-Description: Undelivered Message Headers
        Content-Type: text/rfc822-headers

        Return-Path: <support@desk.example>
        Received: by mail.desk.example (Postfix, from userid 1000)
        \tid 8A1B2C3D; Fri, 20 Nov 2026 10:42:05 +0000 (UTC)
        From: Support <support@desk.example>
        To: Priya Schmidt <priya@initech.example>
        Subject: Re: Export fails [#1]
        Date: Fri, 20 Nov 2026 10:42:00 +0000
        Message-ID: \(id)
        MIME-Version: 1.0

        --8A1B2C3D.1795689730/mail.desk.example--

        """
    }

    /// Exchange Online / Outlook: an NDR from the Exchange system mailbox, the readable notice in
    /// multipart/alternative, RESOLVER.ADR.RecipientNotFound, headers returned as text/rfc822-headers.
    static func exchange(_ id: String, reportId: String = "<a1b2c3d4-ndr@BN8PR12MB3300.namprd12.prod.outlook.com>") -> String {
        """
        From: Microsoft Outlook
         <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@initech.onmicrosoft.com>
        To: <support@desk.example>
        Date: Fri, 20 Nov 2026 10:42:12 +0000
        Content-Type: multipart/report; report-type=delivery-status;
        \tboundary="_000_a1b2c3d4ndrBN8PR12MB3300_"
        X-MS-Exchange-Message-Is-Ndr:
        Content-Language: en-US
        Message-ID: \(reportId)
        In-Reply-To: \(id)
        References: \(id)
        Subject: Undeliverable: Re: Export fails [#1]
        Auto-Submitted: auto-replied
        MIME-Version: 1.0

        --_000_a1b2c3d4ndrBN8PR12MB3300_
        Content-Type: multipart/alternative; differences=Content-Type;
        \tboundary="_002_a1b2c3d4ndrBN8PR12MB3300_"

        --_002_a1b2c3d4ndrBN8PR12MB3300_
        Content-Type: text/plain; charset="us-ascii"

        Delivery has failed to these recipients or groups:

        priya@initech.example<mailto:priya@initech.example>
        The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message. If the problem continues, please contact your helpdesk.

        Diagnostic information for administrators:

        Generating server: BN8PR12MB3300.namprd12.prod.outlook.com

        priya@initech.example
        Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

        --_002_a1b2c3d4ndrBN8PR12MB3300_
        Content-Type: text/html; charset="us-ascii"

        <html><body><p><b><font color="#000066" size="3">Delivery has failed to these recipients or groups:</font></b></p></body></html>

        --_002_a1b2c3d4ndrBN8PR12MB3300_--

        --_000_a1b2c3d4ndrBN8PR12MB3300_
        Content-Type: message/delivery-status

        Reporting-MTA: dns;BN8PR12MB3300.namprd12.prod.outlook.com
        Received-From-MTA: dns;mail.desk.example
        Arrival-Date: Fri, 20 Nov 2026 10:42:06 +0000

        Final-Recipient: rfc822;priya@initech.example
        Action: failed
        Status: 5.1.10
        Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup
        X-Display-Name: Priya Schmidt


        --_000_a1b2c3d4ndrBN8PR12MB3300_
        Content-Type: text/rfc822-headers

        Received: from mail.desk.example (203.0.113.9) by BN8PR12MB3300.namprd12.prod.outlook.com
        From: Support <support@desk.example>
        To: Priya Schmidt <priya@initech.example>
        Subject: Re: Export fails [#1]
        Date: Fri, 20 Nov 2026 10:42:00 +0000
        Message-ID: \(id)
        Content-Type: multipart/alternative; boundary="desk-x"
        MIME-Version: 1.0

        --_000_a1b2c3d4ndrBN8PR12MB3300_--

        """
    }

    /// Gmail: "Delivery Status Notification (Failure)" from mailer-daemon@googlemail.com, the
    /// notice in multipart/related, X-Original-Message-ID, a folded three-line diagnostic, and the
    /// whole returned message as message/rfc822. `action` "delayed" makes Gmail's (Delay) report.
    static func gmail(_ id: String, reportId: String = "<6553a1b2.050a0220.abc.0001.GMR@mx.google.com>", action: String = "failed")
        -> String
    {
        let delayed = action == "delayed"
        let diagnostic =
            delayed
            ? "450 4.4.7 Message delayed; will retry"
            : "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
                + " 550-5.1.1 double-checking the recipient's email address for typos or\n"
                + " 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser a1si123.456 - gsmtp"
        return """
            Return-Path: <>
            Received: by 2002:a05:6a10:1234:b0:4a0 with SMTP id abc; Fri, 20 Nov 2026 02:42:07 -0800 (PST)
            From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
            To: support@desk.example
            Auto-Submitted: auto-replied
            Subject: Delivery Status Notification (\(delayed ? "Delay" : "Failure"))
            References: \(id)
            In-Reply-To: \(id)
            X-Failed-Recipients: priya@initech.example
            Message-ID: \(reportId)
            Date: Fri, 20 Nov 2026 02:42:07 -0800 (PST)
            MIME-Version: 1.0
            Content-Type: multipart/report; boundary="000000000000a1b2c3"; report-type=delivery-status

            --000000000000a1b2c3
            Content-Type: multipart/related; boundary="000000000000d4e5f6"

            --000000000000d4e5f6
            Content-Type: multipart/alternative; boundary="000000000000g7h8i9"

            --000000000000g7h8i9
            Content-Type: text/plain; charset="UTF-8"

            \(delayed ? "** Delivery incomplete **" : "** Address not found **")

            Your message wasn't delivered to priya@initech.example because the address couldn't be found, or is unable to receive mail.

            Learn more here: https://support.google.com/mail/?p=NoSuchUser

            The response was:

            The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.

            --000000000000g7h8i9
            Content-Type: text/html; charset="UTF-8"

            <html><body>Address not found</body></html>

            --000000000000g7h8i9--
            --000000000000d4e5f6--
            --000000000000a1b2c3
            Content-Type: message/delivery-status

            Reporting-MTA: dns; googlemail.com
            Received-From-MTA: dns; support@desk.example
            Arrival-Date: Fri, 20 Nov 2026 02:42:05 -0800 (PST)
            X-Original-Message-ID: \(id)

            Final-Recipient: rfc822; priya@initech.example
            Action: \(action)
            Status: \(delayed ? "4.4.7" : "5.1.1")
            Remote-MTA: dns; gmail-smtp-in.l.google.com. (2a00:1450:4013:c00::1a, the server for the domain initech.example.)
            Diagnostic-Code: smtp; \(diagnostic)
            Last-Attempt-Date: Fri, 20 Nov 2026 02:42:06 -0800 (PST)

            --000000000000a1b2c3
            Content-Type: message/rfc822

            Return-Path: <support@desk.example>
            From: Support <support@desk.example>
            To: Priya Schmidt <priya@initech.example>
            Subject: Re: Export fails [#1]
            Date: Fri, 20 Nov 2026 10:42:00 +0000
            Message-ID: \(id)
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Please try the export again.

            --000000000000a1b2c3--

            """
    }

    /// A non-standard bounce (qmail's "failure notice"): plain text from a bare MAILER-DAEMON,
    /// the remote reply in prose and the original quoted after a marker line.
    static func qmail(_ id: String, reportId: String = "<20261120104211.4242.qmail@mx.initech.example>") -> String {
        """
        Return-Path: <>
        Date: 20 Nov 2026 10:42:11 -0000
        From: MAILER-DAEMON
        To: support@desk.example
        Subject: failure notice
        Message-ID: \(reportId)

        Hi. This is the qmail-send program at mx.initech.example.
        I'm afraid I wasn't able to deliver your message to the following addresses.
        This is a permanent error; I've given up. Sorry it didn't work out.

        <priya@initech.example>:
        Sorry, no mailbox here by that name. (#5.1.1)

        --- Below this line is a copy of the message.

        Return-Path: <support@desk.example>
        From: Support <support@desk.example>
        To: Priya Schmidt <priya@initech.example>
        Subject: Re: Export fails [#1]
        Message-ID: \(id)

        Please try the export again.

        """
    }
}
