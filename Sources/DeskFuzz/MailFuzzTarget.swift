import DeskModel

// libFuzzer's entry point: every input is handed to the MIME parser, which must return a mail
// or throw, never crash, hang or run out of memory. Built only with DESK_FUZZ=1 and
// `--sanitize=fuzzer` (see `make fuzz`); libFuzzer supplies `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func mailFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let mail = try? InboundMail.parse(bytes) {
        // Touch what the importer reads, so lazily built values are exercised too.
        _ = mail.text.utf8.count + (mail.quoted?.utf8.count ?? 0) + mail.attachments.count + mail.contentHash.count
    }
    // The same bytes as a conversation line (`desk intake`).
    _ = try? ConversationLine.parse(String(decoding: bytes, as: UTF8.self))
    return 0
}
