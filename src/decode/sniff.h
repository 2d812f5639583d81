// In-document encoding declarations, shared by prescan.cc and decode.cc (internal to decode/).
#pragma once

#include <cstddef>
#include <string_view>

namespace gazette::decode::sniff {

// The prescan window of the HTML Standard ("prescan a byte stream to determine its encoding").
inline constexpr size_t kPrescanBytes = 1024;

// The prescan algorithm over all of `bytes` (the caller chooses the window). Canonical name or "".
std::string_view prescan(std::string_view bytes);

// The HTML Standard's "get an XML encoding": `<?xml ... encoding="label"` at offset 0. UTF-16
// becomes UTF-8 (a declaration readable as ASCII is not UTF-16). Canonical name or "".
std::string_view xml_declaration_encoding(std::string_view bytes);

// The prescan's "prescan for UTF-16 XML declarations": a BOM-less `<?x` in UTF-16LE or UTF-16BE
// at offset 0. Returns "UTF-16LE", "UTF-16BE" or "".
std::string_view utf16_xml_declaration(std::string_view bytes);

}  // namespace gazette::decode::sniff
