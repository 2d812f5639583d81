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
  // Only pages read from a WARC archive have these two.
  if (!a.warc_record_id.empty()) w.string("warc_record_id", a.warc_record_id);
  if (!a.warc_date.empty()) w.string("warc_date", a.warc_date);
  w.string("body", format == Format::kText ? a.body : render_body(a, format));
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
