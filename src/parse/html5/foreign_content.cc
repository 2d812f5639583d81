// 13.2.6.5 The rules for parsing tokens in foreign content, and the name fix-ups of 13.2.6.1
// ("adjust MathML attributes", "adjust SVG attributes", "adjust foreign attributes") and of the
// SVG tag names.
#include <algorithm>

#include "parse/html5/builder.h"

namespace gazette::html5::detail {

using dom::Namespace;

struct Rename {
  std::string_view from;
  std::string_view to;
};

constexpr Rename kSvgTagNames[] = {
    {"altglyph", "altGlyph"},
    {"altglyphdef", "altGlyphDef"},
    {"altglyphitem", "altGlyphItem"},
    {"animatecolor", "animateColor"},
    {"animatemotion", "animateMotion"},
    {"animatetransform", "animateTransform"},
    {"clippath", "clipPath"},
    {"feblend", "feBlend"},
    {"fecolormatrix", "feColorMatrix"},
    {"fecomponenttransfer", "feComponentTransfer"},
    {"fecomposite", "feComposite"},
    {"feconvolvematrix", "feConvolveMatrix"},
    {"fediffuselighting", "feDiffuseLighting"},
    {"fedisplacementmap", "feDisplacementMap"},
    {"fedistantlight", "feDistantLight"},
    {"fedropshadow", "feDropShadow"},
    {"feflood", "feFlood"},
    {"fefunca", "feFuncA"},
    {"fefuncb", "feFuncB"},
    {"fefuncg", "feFuncG"},
    {"fefuncr", "feFuncR"},
    {"fegaussianblur", "feGaussianBlur"},
    {"feimage", "feImage"},
    {"femerge", "feMerge"},
    {"femergenode", "feMergeNode"},
    {"femorphology", "feMorphology"},
    {"feoffset", "feOffset"},
    {"fepointlight", "fePointLight"},
    {"fespecularlighting", "feSpecularLighting"},
    {"fespotlight", "feSpotLight"},
    {"fetile", "feTile"},
    {"feturbulence", "feTurbulence"},
    {"foreignobject", "foreignObject"},
    {"glyphref", "glyphRef"},
    {"lineargradient", "linearGradient"},
    {"radialgradient", "radialGradient"},
    {"textpath", "textPath"},
};

constexpr Rename kSvgAttributeNames[] = {
    {"attributename", "attributeName"},
    {"attributetype", "attributeType"},
    {"basefrequency", "baseFrequency"},
    {"baseprofile", "baseProfile"},
    {"calcmode", "calcMode"},
    {"clippathunits", "clipPathUnits"},
    {"diffuseconstant", "diffuseConstant"},
    {"edgemode", "edgeMode"},
    {"filterunits", "filterUnits"},
    {"glyphref", "glyphRef"},
    {"gradienttransform", "gradientTransform"},
    {"gradientunits", "gradientUnits"},
    {"kernelmatrix", "kernelMatrix"},
    {"kernelunitlength", "kernelUnitLength"},
    {"keypoints", "keyPoints"},
    {"keysplines", "keySplines"},
    {"keytimes", "keyTimes"},
    {"lengthadjust", "lengthAdjust"},
    {"limitingconeangle", "limitingConeAngle"},
    {"markerheight", "markerHeight"},
    {"markerunits", "markerUnits"},
    {"markerwidth", "markerWidth"},
    {"maskcontentunits", "maskContentUnits"},
    {"maskunits", "maskUnits"},
    {"numoctaves", "numOctaves"},
    {"pathlength", "pathLength"},
    {"patterncontentunits", "patternContentUnits"},
    {"patterntransform", "patternTransform"},
    {"patternunits", "patternUnits"},
    {"pointsatx", "pointsAtX"},
    {"pointsaty", "pointsAtY"},
    {"pointsatz", "pointsAtZ"},
    {"preservealpha", "preserveAlpha"},
    {"preserveaspectratio", "preserveAspectRatio"},
    {"primitiveunits", "primitiveUnits"},
    {"refx", "refX"},
    {"refy", "refY"},
    {"repeatcount", "repeatCount"},
    {"repeatdur", "repeatDur"},
    {"requiredextensions", "requiredExtensions"},
    {"requiredfeatures", "requiredFeatures"},
    {"specularconstant", "specularConstant"},
    {"specularexponent", "specularExponent"},
    {"spreadmethod", "spreadMethod"},
    {"startoffset", "startOffset"},
    {"stddeviation", "stdDeviation"},
    {"stitchtiles", "stitchTiles"},
    {"surfacescale", "surfaceScale"},
    {"systemlanguage", "systemLanguage"},
    {"tablevalues", "tableValues"},
    {"targetx", "targetX"},
    {"targety", "targetY"},
    {"textlength", "textLength"},
    {"viewbox", "viewBox"},
    {"viewtarget", "viewTarget"},
    {"xchannelselector", "xChannelSelector"},
    {"ychannelselector", "yChannelSelector"},
    {"zoomandpan", "zoomAndPan"},
};

static std::string_view rename(std::string_view name, const Rename* table, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (table[i].from == name) return table[i].to;
  return name;
}

}  // namespace gazette::html5::detail

namespace gazette::html5 {

std::string_view svg_tag_name(std::string_view lowercase) {
  return detail::rename(lowercase, detail::kSvgTagNames, std::size(detail::kSvgTagNames));
}

}  // namespace gazette::html5

namespace gazette::html5::detail {

std::string_view adjust_svg_attribute_name(std::string_view lowercase) {
  return rename(lowercase, kSvgAttributeNames, std::size(kSvgAttributeNames));
}

// "Insert a foreign element" for a start tag in `ns`, after adjusting the attributes (MathML or
// SVG, then foreign attributes: their qualified names are kept). The SVG tag name fix-up is not
// stored: Node::name stays lowercase as dom.h promises; svg_tag_name() gives the adjusted name.
// A self-closing element is popped at once (an SVG script runs nothing: the same).
void TreeBuilder::insert_foreign(Tk& t, Namespace ns) {
  if (!t.attributes.empty()) {
    attr_buf_.assign(t.attributes.begin(), t.attributes.end());
    for (dom::Attribute& a : attr_buf_) {
      if (ns == Namespace::kMathMl) {
        if (a.name == "definitionurl") a.name = "definitionURL";
      } else {
        a.name = adjust_svg_attribute_name(a.name);
      }
    }
    t.attributes = attr_buf_;
  }
  insert_element(t, ns, t.self_closing);
  if (t.self_closing) pop();
}

static bool breaks_out_of_foreign_content(const Tk& t) {
  if (t.type == TokenType::kEndTag) return t.id == el::Br || t.id == el::P;
  switch (t.id) {
    case el::B: case el::Big: case el::Blockquote: case el::Body: case el::Br: case el::Center:
    case el::Code: case el::Dd: case el::Div: case el::Dl: case el::Dt: case el::Em:
    case el::Embed: case el::H1: case el::H2: case el::H3: case el::H4: case el::H5:
    case el::H6: case el::Head: case el::Hr: case el::I: case el::Img: case el::Li:
    case el::Listing: case el::Menu: case el::Meta: case el::Nobr: case el::Ol: case el::P:
    case el::Pre: case el::Ruby: case el::S: case el::Small: case el::Span: case el::Strong:
    case el::Strike: case el::Sub: case el::Sup: case el::Table: case el::Tt: case el::U:
    case el::Ul: case el::Var:
      return true;
    case el::Font:
      for (const dom::Attribute& a : t.attributes)
        if (a.name == "color" || a.name == "face" || a.name == "size") return true;
      return false;
    default:
      return false;
  }
}

bool TreeBuilder::foreign_content(Tk& t) {
  switch (t.type) {
    case TokenType::kCharacters:
      if (t.data.size() == 1 && t.data[0] == '\0') {
        // U+0000: parse error; insert U+FFFD.
        error();
        insert_characters("\xEF\xBF\xBD");
        return true;
      }
      insert_characters(t.data);
      if (frameset_ok_ && leading_ws(t.data) != t.data.size()) frameset_ok_ = false;
      return true;
    case TokenType::kComment:
      insert_comment(t.data);
      return true;
    case TokenType::kDoctype:
      error();
      return true;
    case TokenType::kEndOfFile:
      return process_in(mode_, t);  // (the dispatcher never sends EOF here)
    case TokenType::kStartTag:
    case TokenType::kEndTag:
      break;
  }

  if ((t.type == TokenType::kStartTag || (t.id == el::Br || t.id == el::P)) &&
      breaks_out_of_foreign_content(t)) {
    // Parse error. Pop until the current node is a MathML text integration point, an HTML
    // integration point or an HTML element; reprocess in HTML content.
    error();
    while (stack_.size() > 1) {
      const Open& c = stack_.back();
      if (c.ns == Namespace::kHtml || is_mathml_text_integration_point(c) ||
          is_html_integration_point(c))
        break;
      pop();
    }
    return process_in(mode_, t);
  }

  if (t.type == TokenType::kStartTag) {
    // Any other start tag: in the adjusted current node's namespace.
    insert_foreign(t, adjusted_current().ns);
    return true;
  }

  // End tags. </script> on an SVG script: pop (nothing runs). Otherwise "any other end tag".
  if (t.id == el::Script && current_open().ns == Namespace::kSvg &&
      current()->name == "script") {
    pop();
    return true;
  }
  // 1-2.
  size_t i = stack_.size() - 1;
  if (!equals_ascii_ci(stack_[i].node->name, t.name)) error();
  for (;;) {
    // 3. The topmost element (fragment case): return.
    if (i == 0) return true;
    // 4.
    if (equals_ascii_ci(stack_[i].node->name, t.name)) {
      dom::Node* node = stack_[i].node;
      while (!stack_.empty()) {
        bool hit = current() == node;
        pop();
        if (hit) break;
      }
      return true;
    }
    // 5-6.
    --i;
    if (stack_[i].ns != Namespace::kHtml) continue;
    // 7. Process in the current insertion mode, in HTML content.
    return process_in(mode_, t);
  }
}

}  // namespace gazette::html5::detail
