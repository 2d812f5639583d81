// 13.2.6.4.7 The "in body" insertion mode. The order of the cases follows the Standard; the
// select element follows the customizable-select rules (no "in select" insertion modes).
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

using dom::Namespace;
using dom::Node;

void TreeBuilder::in_body_characters(std::string_view data) {
  // A character token that is U+0000 NULL: parse error, ignore. (The tokenizer emits NULs in the
  // data state as one-byte tokens of their own.)
  if (data.size() == 1 && data[0] == '\0') {
    error();
    return;
  }
  // Whitespace and any other character: reconstruct, insert; a non-whitespace character sets
  // frameset-ok to "not ok".
  reconstruct_formatting();
  insert_characters(data);
  if (frameset_ok_ && leading_ws(data) != data.size()) frameset_ok_ = false;
}

// "Any other end tag".
void TreeBuilder::in_body_end_tag_other(Tk& t) {
  // No element of that name open: the walk below would end at a special element (at worst the
  // html element) and ignore the token.
  if (count_[t.id] == 0) {
    error();
    return;
  }
  // 1-4.
  for (size_t i = stack_.size(); i-- > 0;) {
    const Open& node = stack_[i];
    bool same = node.ns == Namespace::kHtml && node.id == t.id &&
                (t.id != el::kOther || node.node->name == t.name);
    if (same) {
      // 2.1 Generate implied end tags, except for HTML elements with the same tag name.
      while (has_prop(stack_.back(), kImpliedEnd) &&
             !(stack_.back().id == t.id && stack_.back().ns == Namespace::kHtml))
        pop();
      // 2.2-2.3
      if (stack_.back().node != node.node) error();
      Node* target = node.node;
      while (!stack_.empty()) {
        bool hit = current() == target;
        pop();
        if (hit) break;
      }
      return;
    }
    if (is_special(node)) {
      error();
      return;
    }
  }
}

// "A start tag whose tag name is "math" / "svg"".
void TreeBuilder::in_body_start_foreign(Tk& t, Namespace ns) {
  reconstruct_formatting();
  insert_foreign(t, ns);  // adjusts the attributes; pops at once when self-closing
}

bool TreeBuilder::in_body(Tk& t) {
  switch (t.type) {
    case TokenType::kCharacters:
      in_body_characters(t.data);
      return true;
    case TokenType::kComment:
      insert_comment(t.data);
      return true;
    case TokenType::kDoctype:
      error();
      return true;
    case TokenType::kEndOfFile:
      // If the stack of template insertion modes is not empty, process in "in template".
      if (!template_modes_.empty()) return in_template(t);
      // Otherwise (parse error if an element other than dd, dt, li, optgroup, option, p, rb,
      // rp, rt, rtc, tbody, td, tfoot, th, thead, tr, body, html is open) stop parsing.
      done_ = true;
      return true;
    case TokenType::kStartTag:
      break;
    case TokenType::kEndTag:
      goto end_tag;
  }

  // ----- start tags -----
  switch (t.id) {
    case el::Html:
      // Parse error. If there is a template element on the stack, ignore; otherwise add the
      // token's attributes the top element lacks.
      error();
      if (open(el::Template)) return true;
      add_missing_attributes(stack_[0].node, t);
      return true;

    case el::Base: case el::Basefont: case el::Bgsound: case el::Link: case el::Meta:
    case el::Noframes: case el::Script: case el::Style: case el::Template: case el::Title:
      return in_head(t);

    case el::Body: {
      // Parse error. Ignore if the second element is not body, there is only one element, or a
      // template is open; otherwise frameset-ok "not ok" and add the missing attributes.
      error();
      if (stack_.size() < 2 || !(stack_[1].id == el::Body && stack_[1].ns == Namespace::kHtml) ||
          open(el::Template))
        return true;
      frameset_ok_ = false;
      add_missing_attributes(stack_[1].node, t);
      return true;
    }

    case el::Frameset: {
      error();
      // 1-2. Ignore unless the second element is a body and frameset-ok is "ok".
      if (stack_.size() < 2 || !(stack_[1].id == el::Body && stack_[1].ns == Namespace::kHtml))
        return true;
      if (!frameset_ok_) return true;
      // 3. Remove the second element from its parent; pop up to (not including) the html.
      dom::Document::remove(stack_[1].node);
      while (stack_.size() > 1) pop();
      // 4-5.
      insert_element(t);
      mode_ = Mode::kInFrameset;
      return true;
    }

    case el::Address: case el::Article: case el::Aside: case el::Blockquote: case el::Center:
    case el::Details: case el::Dialog: case el::Dir: case el::Div: case el::Dl:
    case el::Fieldset: case el::Figcaption: case el::Figure: case el::Footer: case el::Header:
    case el::Hgroup: case el::Main: case el::Menu: case el::Nav: case el::Ol: case el::P:
    case el::Search: case el::Section: case el::Summary: case el::Ul:
      if (in_scope(el::P, Scope::kButton)) close_p_element();
      insert_element(t);
      return true;

    case el::H1: case el::H2: case el::H3: case el::H4: case el::H5: case el::H6:
      if (in_scope(el::P, Scope::kButton)) close_p_element();
      if (has_prop(current_open(), kHeading)) {
        error();
        pop();
      }
      insert_element(t);
      return true;

    case el::Pre: case el::Listing:
      if (in_scope(el::P, Scope::kButton)) close_p_element();
      insert_element(t);
      skip_newline_ = true;
      frameset_ok_ = false;
      return true;

    case el::Form:
      // Ignore if the form pointer is set and no template is open.
      if (form_ && !open(el::Template)) {
        error();
        return true;
      }
      if (in_scope(el::P, Scope::kButton)) close_p_element();
      {
        Node* f = insert_element(t);
        if (!open(el::Template)) form_ = f;
      }
      return true;

    case el::Li: case el::Dd: case el::Dt: {
      // 1. frameset-ok; 2-5. close an open li (dd/dt) unless a special element other than
      // address, div, p comes first.
      frameset_ok_ = false;
      for (size_t i = stack_.size(); i-- > 0;) {
        const Open& node = stack_[i];
        bool match = node.ns == Namespace::kHtml &&
                     (t.id == el::Li ? node.id == el::Li
                                     : (node.id == el::Dd || node.id == el::Dt));
        if (match) {
          el::Id id = node.id;
          generate_implied_end_tags(id);
          if (!current_is(id)) error();
          pop_until(id);
          break;
        }
        if (is_special(node) &&
            !(node.ns == Namespace::kHtml &&
              (node.id == el::Address || node.id == el::Div || node.id == el::P)))
          break;
      }
      // 6-7.
      if (in_scope(el::P, Scope::kButton)) close_p_element();
      insert_element(t);
      return true;
    }

    case el::Plaintext:
      if (in_scope(el::P, Scope::kButton)) close_p_element();
      insert_element(t);
      tokenizer_.set_state(Tokenizer::State::kPlaintext);
      return true;

    case el::Button:
      if (in_scope(el::Button, Scope::kDefault)) {
        error();
        generate_implied_end_tags();
        pop_until(el::Button);
      }
      reconstruct_formatting();
      insert_element(t);
      frameset_ok_ = false;
      return true;

    case el::A: {
      // An "a" after the last marker: parse error, run the adoption agency algorithm for it,
      // then remove it from the list and the stack if it is still there.
      for (size_t i = formatting_.size(); i-- > 0;) {
        if (!formatting_[i].node) break;
        if (formatting_[i].id == el::A) {
          Node* a = formatting_[i].node;
          error();
          Tk end = t;
          end.type = TokenType::kEndTag;
          end.attributes = {};
          if (!adoption_agency(end)) in_body_end_tag_other(end);
          int fi = formatting_index(a);
          if (fi >= 0) remove_formatting(static_cast<size_t>(fi));
          if (in_stack(a)) remove_from_stack(stack_index(a));
          break;
        }
      }
      reconstruct_formatting();
      Node* n = insert_element(t);
      push_formatting(n, el::A);
      return true;
    }

    case el::B: case el::Big: case el::Code: case el::Em: case el::Font: case el::I:
    case el::S: case el::Small: case el::Strike: case el::Strong: case el::Tt: case el::U: {
      reconstruct_formatting();
      Node* n = insert_element(t);
      push_formatting(n, t.id);
      return true;
    }

    case el::Nobr: {
      reconstruct_formatting();
      if (in_scope(el::Nobr, Scope::kDefault)) {
        error();
        Tk end = t;
        end.type = TokenType::kEndTag;
        end.attributes = {};
        if (!adoption_agency(end)) in_body_end_tag_other(end);
        reconstruct_formatting();
      }
      Node* n = insert_element(t);
      push_formatting(n, el::Nobr);
      return true;
    }

    case el::Applet: case el::Marquee: case el::Object:
      reconstruct_formatting();
      insert_element(t);
      insert_marker();
      frameset_ok_ = false;
      return true;

    case el::Table:
      if (quirks_ != QuirksMode::kQuirks && in_scope(el::P, Scope::kButton)) close_p_element();
      insert_element(t);
      frameset_ok_ = false;
      mode_ = Mode::kInTable;
      return true;

    case el::Area: case el::Br: case el::Embed: case el::Img: case el::Keygen: case el::Wbr:
    br_start:
      reconstruct_formatting();
      insert_element(t, Namespace::kHtml, true);
      pop();
      frameset_ok_ = false;
      return true;

    case el::Input: {
      // Customizable select: an input closes an open select.
      if (fragment_ && context_.id == el::Select && context_.ns == Namespace::kHtml) {
        error();
        return true;
      }
      if (in_scope(el::Select, Scope::kDefault)) {
        error();
        pop_until(el::Select);
      }
      reconstruct_formatting();
      insert_element(t, Namespace::kHtml, true);
      pop();
      bool hidden = false;
      for (const dom::Attribute& a : t.attributes)
        if (a.name == "type") hidden = equals_ascii_ci(a.value, "hidden");
      if (!hidden) frameset_ok_ = false;
      return true;
    }

    case el::Param: case el::Source: case el::Track:
      insert_element(t, Namespace::kHtml, true);
      pop();
      return true;

    case el::Hr:
      if (in_scope(el::P, Scope::kButton)) close_p_element();
      if (in_scope(el::Select, Scope::kDefault)) {
        generate_implied_end_tags();
        if (in_scope(el::Option, Scope::kDefault) || in_scope(el::Optgroup, Scope::kDefault))
          error();
      }
      insert_element(t, Namespace::kHtml, true);
      pop();
      frameset_ok_ = false;
      return true;

    case el::Image:
      // Parse error: change the token's tag name to "img" and reprocess.
      error();
      t.name = "img";
      t.id = el::Img;
      return false;

    case el::Textarea:
      // 1-6.
      insert_element(t);
      skip_newline_ = true;
      tokenizer_.set_state(Tokenizer::State::kRcdata);
      original_mode_ = mode_;
      frameset_ok_ = false;
      mode_ = Mode::kText;
      return true;

    case el::Xmp:
      if (in_scope(el::P, Scope::kButton)) close_p_element();
      reconstruct_formatting();
      frameset_ok_ = false;
      generic_text_element(t, Tokenizer::State::kRawtext);
      return true;

    case el::Iframe:
      frameset_ok_ = false;
      generic_text_element(t, Tokenizer::State::kRawtext);
      return true;

    case el::Noembed:
      generic_text_element(t, Tokenizer::State::kRawtext);
      return true;

    // noscript with the scripting flag off: "any other start tag".

    case el::Select:
      if (fragment_ && context_.id == el::Select && context_.ns == Namespace::kHtml) {
        error();
        return true;
      }
      if (in_scope(el::Select, Scope::kDefault)) {
        error();
        pop_until(el::Select);
        return true;
      }
      reconstruct_formatting();
      insert_element(t);
      frameset_ok_ = false;
      return true;

    case el::Option:
      if (in_scope(el::Select, Scope::kDefault)) {
        generate_implied_end_tags(el::Optgroup);
        if (in_scope(el::Option, Scope::kDefault)) error();
      } else if (current_is(el::Option)) {
        pop();
      }
      reconstruct_formatting();
      insert_element(t);
      return true;

    case el::Optgroup:
      if (in_scope(el::Select, Scope::kDefault)) {
        generate_implied_end_tags();
        if (in_scope(el::Option, Scope::kDefault) || in_scope(el::Optgroup, Scope::kDefault))
          error();
      } else if (current_is(el::Option)) {
        pop();
      }
      reconstruct_formatting();
      insert_element(t);
      return true;

    case el::Rb: case el::Rtc:
      if (in_scope(el::Ruby, Scope::kDefault)) {
        generate_implied_end_tags();
        if (!current_is(el::Ruby)) error();
      }
      insert_element(t);
      return true;

    case el::Rp: case el::Rt:
      if (in_scope(el::Ruby, Scope::kDefault)) {
        generate_implied_end_tags(el::Rtc);
        if (!current_is(el::Rtc) && !current_is(el::Ruby)) error();
      }
      insert_element(t);
      return true;

    case el::Math:
      in_body_start_foreign(t, Namespace::kMathMl);
      return true;

    case el::Svg:
      in_body_start_foreign(t, Namespace::kSvg);
      return true;

    case el::Caption: case el::Col: case el::Colgroup: case el::Frame: case el::Head:
    case el::Tbody: case el::Td: case el::Tfoot: case el::Th: case el::Thead: case el::Tr:
      error();
      return true;

    default:
      // Any other start tag.
      reconstruct_formatting();
      insert_element(t);
      if (t.id == el::Selectedcontent) selectedcontent_seen_ = true;
      return true;
  }

end_tag:
  switch (t.id) {
    case el::Template:
      return in_head(t);

    case el::Body: case el::Html:
      // If no body element in scope, parse error, ignore. Otherwise switch to "after body"
      // (</html>: and reprocess).
      if (!in_scope(el::Body, Scope::kDefault)) {
        error();
        return true;
      }
      mode_ = Mode::kAfterBody;
      return t.id == el::Body;

    case el::Address: case el::Article: case el::Aside: case el::Blockquote: case el::Button:
    case el::Center: case el::Details: case el::Dialog: case el::Dir: case el::Div:
    case el::Dl: case el::Fieldset: case el::Figcaption: case el::Figure: case el::Footer:
    case el::Header: case el::Hgroup: case el::Listing: case el::Main: case el::Menu:
    case el::Nav: case el::Ol: case el::Pre: case el::Search: case el::Section:
    case el::Select: case el::Summary: case el::Ul:
      if (!in_scope(t.id, Scope::kDefault)) {
        error();
        return true;
      }
      generate_implied_end_tags();
      if (!current_is(t.id)) error();
      pop_until(t.id);
      return true;

    case el::Form:
      if (!open(el::Template)) {
        // 1-4.
        Node* node = form_;
        form_ = nullptr;
        if (!node || !node_in_scope(node, Scope::kDefault)) {
          error();
          return true;
        }
        generate_implied_end_tags();
        if (current() != node) error();
        remove_from_stack(stack_index(node));
      } else {
        if (!in_scope(el::Form, Scope::kDefault)) {
          error();
          return true;
        }
        generate_implied_end_tags();
        if (!current_is(el::Form)) error();
        pop_until(el::Form);
      }
      return true;

    case el::P:
      if (!in_scope(el::P, Scope::kButton)) {
        error();
        insert_html(el::P, "p");
      }
      close_p_element();
      return true;

    case el::Li:
      if (!in_scope(el::Li, Scope::kListItem)) {
        error();
        return true;
      }
      generate_implied_end_tags(el::Li);
      if (!current_is(el::Li)) error();
      pop_until(el::Li);
      return true;

    case el::Dd: case el::Dt:
      if (!in_scope(t.id, Scope::kDefault)) {
        error();
        return true;
      }
      generate_implied_end_tags(t.id);
      if (!current_is(t.id)) error();
      pop_until(t.id);
      return true;

    case el::H1: case el::H2: case el::H3: case el::H4: case el::H5: case el::H6: {
      bool any = false;
      for (el::Id h : {el::H1, el::H2, el::H3, el::H4, el::H5, el::H6})
        if (in_scope(h, Scope::kDefault)) any = true;
      if (!any) {
        error();
        return true;
      }
      generate_implied_end_tags();
      if (!current_is(t.id)) error();
      while (stack_.size() > 1) {
        bool hit = has_prop(stack_.back(), kHeading);
        pop();
        if (hit) break;
      }
      return true;
    }

    case el::A: case el::B: case el::Big: case el::Code: case el::Em: case el::Font:
    case el::I: case el::Nobr: case el::S: case el::Small: case el::Strike: case el::Strong:
    case el::Tt: case el::U:
      if (!adoption_agency(t)) in_body_end_tag_other(t);
      return true;

    case el::Applet: case el::Marquee: case el::Object:
      if (!in_scope(t.id, Scope::kDefault)) {
        error();
        return true;
      }
      generate_implied_end_tags();
      if (!current_is(t.id)) error();
      pop_until(t.id);
      clear_formatting_to_last_marker();
      return true;

    case el::Br:
      // Parse error; drop the attributes; act as a "br" start tag.
      error();
      t.type = TokenType::kStartTag;
      t.attributes = {};
      t.self_closing = false;
      goto br_start;

    default:
      in_body_end_tag_other(t);
      return true;
  }
}

}  // namespace gazette::html5::detail
