// Bytes in, valid UTF-8 out: the step between io and the HTML parser.
//
// The encoding is chosen as the HTML Standard's "encoding sniffing algorithm" does (in
// "Determining the character encoding"):
//
//   1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE); the BOM is stripped        -> Source::kBom
//   2. the transport layer's charset (HTTP Content-Type), if it is a known label -> kTransport
//   3. "prescan a byte stream to determine its encoding" over the first 1024 bytes
//      (meta charset / meta http-equiv), a BOM-less UTF-16 XML declaration, or an
//      `<?xml ... encoding="...">` declaration at the very start                 -> kMeta
//   4. nothing declared: bytes that are valid UTF-8 are UTF-8                    -> kDefault
//      otherwise a legacy <meta> charset beyond the first 1024 bytes (the parser's
//      "change the encoding" step would honour it)                              -> kMeta
//      otherwise the uchardet guess                                              -> kDetected
//      otherwise windows-1252, the Standard's default for unknown locales       -> kDefault
//
// One deliberate deviation from the Standard: a document that declares a legacy encoding (e.g.
// iso-8859-1, gb2312) but whose bytes are valid UTF-8 containing non-ASCII is decoded as UTF-8
// (Source::kDetected). Such pages were re-encoded to UTF-8 by a CMS or proxy that left the old
// declaration behind; decoding them as declared turns every accented letter into mojibake, while
// genuine legacy text with enough non-ASCII to matter is essentially never valid UTF-8 by accident.
#pragma once

#include <string>
#include <string_view>

namespace gazette::decode {

// Where the chosen encoding came from.
enum class Source {
  kBom,        // a byte order mark
  kTransport,  // the transport charset (HTTP Content-Type)
  kMeta,       // an in-document declaration: <meta>, or an XML declaration
  kDetected,   // the bytes themselves: uchardet, or valid UTF-8 overriding a legacy declaration
  kDefault,    // nothing declared or detected: UTF-8 if valid UTF-8, else windows-1252
};

struct Decoded {
  // In: when true, input that is already valid UTF-8 is not copied: text() is the input
  // itself (most pages are UTF-8, and the copy was the decoder's largest cost).
  bool borrow = false;
  // The decoded page, valid UTF-8, always (invalid input becomes U+FFFD): `utf8`, or with
  // `borrow` possibly the input bytes themselves (then valid only while the input lives).
  std::string_view text() const { return borrowed ? input : std::string_view(utf8); }
  bool borrowed = false;   // out: text() is the input
  std::string_view input;  // the input, when borrowed
  std::string utf8;        // the decoded bytes when they are not the input's (else empty)
  std::string encoding;    // WHATWG canonical name of the encoding used: "UTF-8", "GBK", ...
  Source source = Source::kDefault;
};

// Decodes `bytes` to UTF-8 into `out` (its buffers are reused). Never fails. `transport_charset`
// is the charset parameter of the HTTP Content-Type (may be empty; surrounding quotes tolerated).
// NUL bytes are kept: the parser, not the decoder, decides what they mean. Without
// `out.borrow`, `out.utf8` holds the whole result.
void to_utf8(std::string_view bytes, std::string_view transport_charset, Decoded& out);

// The Encoding Standard's "get an encoding": maps a label ("latin1", "gb2312", " UTF8 ") to the
// canonical encoding name ("windows-1252", "GBK", "UTF-8"). Case-insensitive, ASCII whitespace
// trimmed. Returns an empty view for an unknown label. The result points to static storage.
std::string_view canonical_encoding(std::string_view label);

// The HTML Standard's "prescan a byte stream to determine its encoding" over the first 1024 bytes
// of `bytes`: <meta charset>, <meta http-equiv="content-type" content="...charset=...">, skipping
// comments, end tags, other tags' attributes and <!...>/<?...> constructs as the spec says.
// Returns the canonical name or an empty view. As the spec says, a UTF-16 result becomes UTF-8
// and x-user-defined becomes windows-1252 (a document that can be prescanned is ASCII-compatible).
std::string_view prescan_meta_charset(std::string_view bytes);

}  // namespace gazette::decode
