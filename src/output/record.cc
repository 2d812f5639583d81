// Rendering an Article: body as text or Markdown, and the JSONL record.
#include <string>

#include "gazette/gazette.h"
#include "output/json.h"

namespace gazette {

namespace {

void render_text(const std::vector<Block>& blocks, std::string& out) {
  const Block* prev = nullptr;
  for (const Block& b : blocks) {
    if (prev) {
      // Consecutive list items and table rows form one visual unit: a single newline.
      bool tight = (b.kind == Block::Kind::kListItem && prev->kind == Block::Kind::kListItem) ||
                   (b.kind == Block::Kind::kTableRow && prev->kind == Block::Kind::kTableRow);
      out.append(tight ? "\n" : "\n\n");
    }
    out.append(b.text);
    prev = &b;
  }
}

void append_prefixed_lines(std::string& out, std::string_view text, std::string_view prefix) {
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    out.append(prefix);
    out.append(text.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos) break;
    out.push_back('\n');
    start = nl + 1;
  }
}

void render_markdown(const std::vector<Block>& blocks, std::string& out) {
  const Block* prev = nullptr;
  int ordinal = 0;
  for (const Block& b : blocks) {
    bool tight = prev && ((b.kind == Block::Kind::kListItem && prev->kind == Block::Kind::kListItem) ||
                          (b.kind == Block::Kind::kTableRow && prev->kind == Block::Kind::kTableRow));
    if (prev) out.append(tight ? "\n" : "\n\n");
    switch (b.kind) {
      case Block::Kind::kHeading:
        out.append(std::string(b.level ? b.level : 2, '#'));
        out.push_back(' ');
        out.append(b.text);
        break;
      case Block::Kind::kListItem: {
        ordinal = tight && prev->ordered == b.ordered ? ordinal + 1 : 1;
        std::string indent((b.level > 1 ? b.level - 1 : 0) * 2, ' ');
        std::string marker = b.ordered ? std::to_string(ordinal) + ". " : "- ";
        out.append(indent);
        out.append(marker);
        // Continuation lines of a multi-line item are indented under the marker.
        std::string cont = "\n" + indent + std::string(marker.size(), ' ');
        for (char c : b.text) {
          if (c == '\n') out.append(cont); else out.push_back(c);
        }
        break;
      }
      case Block::Kind::kQuote:
        append_prefixed_lines(out, b.text, "> ");
        break;
      case Block::Kind::kTableRow: {
        out.append("| ");
        for (char c : b.text) {
          if (c == '\t') out.append(" | ");
          else if (c == '|') out.append("\\|");
          else if (c == '\n') out.push_back(' ');
          else out.push_back(c);
        }
        out.append(" |");
        break;
      }
      case Block::Kind::kCode:
        out.append("```\n");
        out.append(b.text);
        out.append("\n```");
        break;
      case Block::Kind::kParagraph:
        // A hard line break inside a paragraph: two trailing spaces.
        for (char c : b.text) {
          if (c == '\n') out.append("  \n"); else out.push_back(c);
        }
        break;
    }
    prev = &b;
  }
}

// A candidate's value: authors as a list of names, other fields as a string.
void append_value(std::string& out, std::string_view field, std::string_view value) {
  if (field != "authors") {
    if (value.empty()) out.append("null"); else output::append_json_string(out, value);
    return;
  }
  out.push_back('[');
  size_t start = 0;
  while (start < value.size()) {
    size_t end = value.find("; ", start);
    if (end == std::string_view::npos) end = value.size();
    if (start) out.append(", ");
    output::append_json_string(out, value.substr(start, end - start));
    start = end + 2;
  }
  out.push_back(']');
}

// {"title": {"source": "json-ld", "key": "NewsArticle.headline", "value": "...", "losers":
// [{"source": ..., "key": ..., "value": ..., "reason": ...}]}, ...}
std::string explain_json(const std::vector<FieldProvenance>& fields) {
  std::string out;
  output::ObjectWriter all(out);
  for (const auto& f : fields) {
    std::string entry;
    output::ObjectWriter e(entry);
    e.string_or_null("source", f.winner.source);
    e.string_or_null("key", f.winner.key);
    e.key("value");
    if (f.winner.source.empty() && f.field != "access")
      entry.append("null");
    else
      append_value(entry, f.field, f.winner.value);
    std::string losers = "[";
    for (size_t i = 0; i < f.losers.size(); ++i) {
      const SourceCandidate& l = f.losers[i];
      if (i) losers.append(", ");
      output::ObjectWriter lw(losers);
      lw.string("source", l.source);
      lw.string_or_null("key", l.key);
      lw.key("value");
      append_value(losers, f.field, l.value);
      lw.string("reason", l.reason);
      lw.finish();
    }
    losers.push_back(']');
    e.raw("losers", losers);
    e.finish();
    all.raw(f.field, entry);
  }
  all.finish();
  return out;
}

}  // namespace

std::string render_body(const Article& article, Format format) {
  std::string out;
  if (format == Format::kMarkdown)
    render_markdown(article.blocks, out);
  else
    render_text(article.blocks, out);
  return out;
}

std::string to_json(const Article& a, Format format) {
  std::string out;
  out.reserve(a.body.size() + 512);
  output::ObjectWriter w(out);
  w.string("source", a.source);
  w.string_or_null("url", a.url);
  w.string_or_null("title", a.title);
  w.string_or_null("title_display", a.title_display);
  {
    std::string list = "[";
    for (size_t i = 0; i < a.authors.size(); ++i) {
      if (i) list.append(", ");
      output::append_json_string(list, a.authors[i]);
    }
    list.push_back(']');
    w.raw("authors", list);
  }
  w.string_or_null("date_published", a.date_published);
  w.string_or_null("date_published_raw", a.date_published_raw);
  w.string_or_null("date_modified", a.date_modified);
  if (a.dateline.place.empty() && a.dateline.agency.empty()) {
    w.raw("dateline", "null");
  } else {
    std::string d;
    output::ObjectWriter dw(d);
    dw.string_or_null("place", a.dateline.place);
    dw.string_or_null("agency", a.dateline.agency);
    dw.finish();
    w.raw("dateline", d);
  }
  w.string_or_null("site_name", a.site_name);
  w.string_or_null("language", a.language);
  w.string_or_null("description", a.description);
  w.string_or_null("image", a.image);
  w.string_or_null("access", a.access);
  // Only pages read from a WARC archive have these two.
  if (!a.warc_record_id.empty()) w.string("warc_record_id", a.warc_record_id);
  if (!a.warc_date.empty()) w.string("warc_date", a.warc_date);
  w.string("body", format == Format::kText ? a.body : render_body(a, format));
  // Only with Options::explain; last, so that the rest of the record is what it is without.
  if (!a.provenance.empty()) w.raw("explain", explain_json(a.provenance));
  w.finish();
  return out;
}

std::string error_json(std::string_view source, const Error& error) {
  std::string out;
  output::ObjectWriter w(out);
  w.string("source", source);
  w.string("error", error.message);
  w.finish();
  return out;
}

}  // namespace gazette
