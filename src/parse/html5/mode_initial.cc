// 13.2.6.4.1 The "initial" insertion mode, with the quirks mode determination of DOCTYPEs.
#include <string>

#include "parse/html5/builder.h"

namespace gazette::html5::detail {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && equals_ascii_ci(s.substr(0, prefix.size()), prefix);
}

constexpr std::string_view kQuirkyPublicPrefixes[] = {
    "+//Silmaril//dtd html Pro v0r11 19970101//",
    "-//AS//DTD HTML 3.0 asWedit + extensions//",
    "-//AdvaSoft Ltd//DTD HTML 3.0 asWedit + extensions//",
    "-//IETF//DTD HTML 2.0 Level 1//",
    "-//IETF//DTD HTML 2.0 Level 2//",
    "-//IETF//DTD HTML 2.0 Strict Level 1//",
    "-//IETF//DTD HTML 2.0 Strict Level 2//",
    "-//IETF//DTD HTML 2.0 Strict//",
    "-//IETF//DTD HTML 2.0//",
    "-//IETF//DTD HTML 2.1E//",
    "-//IETF//DTD HTML 3.0//",
    "-//IETF//DTD HTML 3.2 Final//",
    "-//IETF//DTD HTML 3.2//",
    "-//IETF//DTD HTML 3//",
    "-//IETF//DTD HTML Level 0//",
    "-//IETF//DTD HTML Level 1//",
    "-//IETF//DTD HTML Level 2//",
    "-//IETF//DTD HTML Level 3//",
    "-//IETF//DTD HTML Strict Level 0//",
    "-//IETF//DTD HTML Strict Level 1//",
    "-//IETF//DTD HTML Strict Level 2//",
    "-//IETF//DTD HTML Strict Level 3//",
    "-//IETF//DTD HTML Strict//",
    "-//IETF//DTD HTML//",
    "-//Metrius//DTD Metrius Presentational//",
    "-//Microsoft//DTD Internet Explorer 2.0 HTML Strict//",
    "-//Microsoft//DTD Internet Explorer 2.0 HTML//",
    "-//Microsoft//DTD Internet Explorer 2.0 Tables//",
    "-//Microsoft//DTD Internet Explorer 3.0 HTML Strict//",
    "-//Microsoft//DTD Internet Explorer 3.0 HTML//",
    "-//Microsoft//DTD Internet Explorer 3.0 Tables//",
    "-//Netscape Comm. Corp.//DTD HTML//",
    "-//Netscape Comm. Corp.//DTD Strict HTML//",
    "-//O'Reilly and Associates//DTD HTML 2.0//",
    "-//O'Reilly and Associates//DTD HTML Extended 1.0//",
    "-//O'Reilly and Associates//DTD HTML Extended Relaxed 1.0//",
    "-//SQ//DTD HTML 2.0 HoTMetaL + extensions//",
    "-//SoftQuad Software//DTD HoTMetaL PRO 6.0::19990601::extensions to HTML 4.0//",
    "-//SoftQuad//DTD HoTMetaL PRO 4.0::19971010::extensions to HTML 4.0//",
    "-//Spyglass//DTD HTML 2.0 Extended//",
    "-//Sun Microsystems Corp.//DTD HotJava HTML//",
    "-//Sun Microsystems Corp.//DTD HotJava Strict HTML//",
    "-//W3C//DTD HTML 3 1995-03-24//",
    "-//W3C//DTD HTML 3.2 Draft//",
    "-//W3C//DTD HTML 3.2 Final//",
    "-//W3C//DTD HTML 3.2//",
    "-//W3C//DTD HTML 3.2S Draft//",
    "-//W3C//DTD HTML 4.0 Frameset//",
    "-//W3C//DTD HTML 4.0 Transitional//",
    "-//W3C//DTD HTML Experimental 19960712//",
    "-//W3C//DTD HTML Experimental 970421//",
    "-//W3C//DTD W3 HTML//",
    "-//W3O//DTD W3 HTML 3.0//",
    "-//WebTechs//DTD Mozilla HTML 2.0//",
    "-//WebTechs//DTD Mozilla HTML//",
};

QuirksMode doctype_quirks(const Token& t) {
  std::string_view pub = t.public_id, sys = t.system_id;
  if (t.force_quirks || t.name != "html") return QuirksMode::kQuirks;
  if (t.has_public_id) {
    if (equals_ascii_ci(pub, "-//W3O//DTD W3 HTML Strict 3.0//EN//") ||
        equals_ascii_ci(pub, "-/W3C/DTD HTML 4.0 Transitional/EN") ||
        equals_ascii_ci(pub, "HTML"))
      return QuirksMode::kQuirks;
    for (std::string_view p : kQuirkyPublicPrefixes)
      if (starts_with_ci(pub, p)) return QuirksMode::kQuirks;
    bool html401 = starts_with_ci(pub, "-//W3C//DTD HTML 4.01 Frameset//") ||
                   starts_with_ci(pub, "-//W3C//DTD HTML 4.01 Transitional//");
    if (!t.has_system_id && html401) return QuirksMode::kQuirks;
    if (starts_with_ci(pub, "-//W3C//DTD XHTML 1.0 Frameset//") ||
        starts_with_ci(pub, "-//W3C//DTD XHTML 1.0 Transitional//"))
      return QuirksMode::kLimitedQuirks;
    if (t.has_system_id && html401) return QuirksMode::kLimitedQuirks;
  }
  if (t.has_system_id &&
      equals_ascii_ci(sys, "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd"))
    return QuirksMode::kQuirks;
  return QuirksMode::kNoQuirks;
}

}  // namespace

bool TreeBuilder::initial(Tk& t) {
  switch (t.type) {
    case TokenType::kCharacters: {
      // Whitespace: ignore it.
      size_t n = leading_ws(t.data);
      if (n == t.data.size()) return true;
      t.data.remove_prefix(n);
      break;  // anything else
    }
    case TokenType::kComment:
      // Insert a comment as the last child of the Document.
      insert_comment_at({doc_->root(), nullptr}, t.data);
      return true;
    case TokenType::kDoctype: {
      if (t.name != "html" || t.has_public_id ||
          (t.has_system_id && t.system_id != "about:legacy-compat"))
        error();
      // Append a DocumentType node (kept in the result, not in the tree).
      doctype_.present = true;
      doctype_.position = 0;
      for (dom::Node* c = doc_->root()->first_child; c; c = c->next) ++doctype_.position;
      doctype_.name.assign(t.name);
      doctype_.public_id.assign(t.public_id);
      doctype_.system_id.assign(t.system_id);
      doctype_.has_public_id = t.has_public_id;
      doctype_.has_system_id = t.has_system_id;
      quirks_ = doctype_quirks(t);
      mode_ = Mode::kBeforeHtml;
      return true;
    }
    default:
      break;
  }
  // Anything else: parse error (not an iframe srcdoc document), quirks mode, reprocess.
  error();
  quirks_ = QuirksMode::kQuirks;
  mode_ = Mode::kBeforeHtml;
  return false;
}

}  // namespace gazette::html5::detail
