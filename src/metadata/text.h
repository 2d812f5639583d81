// Small string helpers shared by the metadata module. Internal to src/metadata.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::metadata::text {

// Collapses runs of whitespace (ASCII, NBSP, the U+2000 spaces, U+3000...) into one ASCII space,
// drops zero-width characters and trims both ends.
std::string normalize_space(std::string_view s);

// Decodes the HTML character references that pages leave (or double-escape) in attribute values
// and JSON-LD strings: numeric (&#39; &#x27;) and the common named ones (&amp; &quot; &nbsp; ...).
// Unknown references are kept verbatim.
std::string decode_entities(std::string_view s);

// normalize_space(decode_entities(s)), and strips HTML tags that some sites put in meta values.
std::string clean_value(std::string_view s);

// Lowercases ASCII and the 2-byte Latin letters (U+00C0..U+017F) of UTF-8 text.
std::string to_lower(std::string_view s);

// ASCII-only case-insensitive helpers.
bool iequals(std::string_view a, std::string_view b);
bool icontains(std::string_view haystack, std::string_view needle);
bool istarts_with(std::string_view s, std::string_view prefix);

// Number of Unicode code points in valid UTF-8.
size_t utf8_length(std::string_view s);

// Decodes one UTF-8 sequence at s[i] as to_lower and normalize_space read it; returns its code
// point and sets `len`. A stray byte, or a sequence cut by the end of `s`, gives U+FFFD with
// len 1; continuation bytes are not checked.
uint32_t decode_cp(std::string_view s, size_t i, size_t& len);

// The length of the UTF-8 sequence that starts with byte `c` (1 for a stray continuation).
size_t cp_len(unsigned char c);
// The code point of the `len`-byte sequence at s[i] (the lead byte when it is cut short).
uint32_t cp_value(std::string_view s, size_t i, size_t len);
// A capital is a letter that to_lower changes.
bool capital_at(std::string_view s, size_t i, size_t len);
// Lowercase letters of the scripts to_lower knows (ASCII, Latin-1, Latin Extended-A).
bool lowercase_at(std::string_view s, size_t i, size_t len);

// Splits on ASCII whitespace (' ', '\t' to '\r').
std::vector<std::string_view> split_ws(std::string_view s);

// Calls f(word) on each word of split_ws(s), in order, without building the vector (attribute
// values on every element: rel, meta keys, itemprop). Stops early when f returns true; returns
// whether it did.
template <typename F>
bool any_word(std::string_view s, F&& f) {
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  for (size_t i = 0; i < s.size();) {
    while (i < s.size() && space(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !space(s[j])) ++j;
    if (j > i && f(s.substr(i, j - i))) return true;
    i = j;
  }
  return false;
}

bool looks_like_url(std::string_view s);
bool looks_like_email(std::string_view s);

// Resolves `ref` against the absolute URL `base` (RFC 3986 reference resolution, simplified:
// scheme-relative, absolute-path and relative-path references). Returns `ref` unchanged when
// `base` is not absolute or `ref` already is.
std::string resolve_url(std::string_view base, std::string_view ref);

}  // namespace gazette::metadata::text
