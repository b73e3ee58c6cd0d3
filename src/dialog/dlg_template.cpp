// dlg_template.cpp: the binary dialog-template formats (win32-facts.md §1.1–1.7).
#include "dialog/dlg_template.h"

namespace openras::dialog {

namespace {

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  [[nodiscard]] size_t offset() const { return pos_; }
  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] size_t failed_at() const { return failed_at_; }

  uint16_t u16() {
    if (!need(2)) return 0;
    auto v = static_cast<uint16_t>(bytes_[pos_] | (bytes_[pos_ + 1] << 8));
    pos_ += 2;
    return v;
  }
  uint32_t u32() {
    uint32_t lo = u16();
    uint32_t hi = u16();
    return lo | (hi << 16);
  }
  uint8_t u8() {
    if (!need(1)) return 0;
    return bytes_[pos_++];
  }
  int16_t s16() { return static_cast<int16_t>(u16()); }
  std::u16string string() {
    std::u16string s;
    for (uint16_t c = u16(); ok_ && c != 0; c = u16()) s.push_back(static_cast<char16_t>(c));
    return s;
  }
  NameOrOrdinal name_or_ordinal() {
    size_t at = pos_;
    uint16_t first = u16();
    if (first == 0xFFFF) return u16();
    pos_ = at;
    return string();
  }
  void align(size_t to) {
    size_t rem = pos_ % to;
    if (rem) {
      if (!need(to - rem)) return;
      pos_ += to - rem;
    }
  }
  std::vector<uint8_t> bytes(size_t n) {
    if (!need(n)) return {};
    std::vector<uint8_t> out(bytes_.begin() + static_cast<ptrdiff_t>(pos_),
                             bytes_.begin() + static_cast<ptrdiff_t>(pos_ + n));
    pos_ += n;
    return out;
  }

 private:
  bool need(size_t n) {
    if (ok_ && bytes_.size() - pos_ >= n) return true;
    if (ok_) failed_at_ = pos_;
    ok_ = false;
    return false;
  }
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
  bool ok_ = true;
  size_t failed_at_ = 0;
};

class Writer {
 public:
  void u16(uint16_t v) {
    out_.push_back(static_cast<uint8_t>(v & 0xFF));
    out_.push_back(static_cast<uint8_t>(v >> 8));
  }
  void u32(uint32_t v) {
    u16(static_cast<uint16_t>(v & 0xFFFF));
    u16(static_cast<uint16_t>(v >> 16));
  }
  void s16(int16_t v) { u16(static_cast<uint16_t>(v)); }
  void u8(uint8_t v) { out_.push_back(v); }
  void string(const std::u16string& s) {
    for (char16_t c : s) u16(static_cast<uint16_t>(c));
    u16(0);
  }
  void name_or_ordinal(const NameOrOrdinal& n) {
    if (const uint16_t* ord = std::get_if<uint16_t>(&n)) {
      u16(0xFFFF);
      u16(*ord);
    } else {
      string(std::get<std::u16string>(n));
    }
  }
  void align(size_t to) {
    while (out_.size() % to) out_.push_back(0);
  }
  std::vector<uint8_t>& bytes() { return out_; }

 private:
  std::vector<uint8_t> out_;
};

bool has_font(const DialogTemplate& t) {
  return (t.style & 0x40u) != 0 || (t.extended && (t.style & 0x48u) == 0x48u);
}

}  // namespace

Result<DialogTemplate> parse_template(std::span<const uint8_t> bytes) {
  Reader r(bytes);
  DialogTemplate t;
  uint16_t count = 0;
  if (bytes.size() >= 4 && bytes[0] == 1 && bytes[1] == 0 && bytes[2] == 0xFF && bytes[3] == 0xFF) {
    t.extended = true;
    (void)r.u32();  // dlgVer, signature
    t.help_id = r.u32();
    t.ex_style = r.u32();
    t.style = r.u32();
  } else {
    t.style = r.u32();
    t.ex_style = r.u32();
  }
  count = r.u16();
  t.x = r.s16();
  t.y = r.s16();
  t.cx = r.s16();
  t.cy = r.s16();
  t.menu = r.name_or_ordinal();
  t.window_class = r.name_or_ordinal();
  t.title = r.string();
  if (has_font(t)) {
    t.point_size = r.u16();
    if (t.extended) {
      t.weight = r.u16();
      t.italic = r.u8();
      t.charset = r.u8();
    }
    t.typeface = r.string();
  }
  for (uint16_t i = 0; i < count && r.ok(); ++i) {
    r.align(4);
    ItemTemplate item;
    if (t.extended) {
      item.help_id = r.u32();
      item.ex_style = r.u32();
      item.style = r.u32();
    } else {
      item.style = r.u32();
      item.ex_style = r.u32();
    }
    item.x = r.s16();
    item.y = r.s16();
    item.cx = r.s16();
    item.cy = r.s16();
    item.id = t.extended ? r.u32() : r.u16();
    item.window_class = r.name_or_ordinal();
    item.title = r.name_or_ordinal();
    // Creation data: a count of the bytes that follow it (Wine's and DLGITEMTEMPLATEEX's
    // reading; win32-facts.md §1.3 notes Microsoft's DLGITEMTEMPLATE text differs).
    uint16_t extra = r.u16();
    item.creation_data = r.bytes(extra);
    t.items.push_back(std::move(item));
  }
  if (!r.ok()) {
    return fail(Errc::kInvalidData, "dialog template of " + std::to_string(bytes.size()) +
                                        " bytes is truncated at byte " +
                                        std::to_string(r.failed_at()) + " (declares " +
                                        std::to_string(count) + " controls)");
  }
  return t;
}

std::vector<uint8_t> serialize_template(const DialogTemplate& t) {
  Writer w;
  if (t.extended) {
    w.u16(1);
    w.u16(0xFFFF);
    w.u32(t.help_id);
    w.u32(t.ex_style);
    w.u32(t.style);
  } else {
    w.u32(t.style);
    w.u32(t.ex_style);
  }
  w.u16(static_cast<uint16_t>(t.items.size()));
  w.s16(t.x);
  w.s16(t.y);
  w.s16(t.cx);
  w.s16(t.cy);
  w.name_or_ordinal(t.menu);
  w.name_or_ordinal(t.window_class);
  w.string(t.title);
  if (has_font(t)) {
    w.u16(t.point_size);
    if (t.extended) {
      w.u16(t.weight);
      w.u8(t.italic);
      w.u8(t.charset);
    }
    w.string(t.typeface);
  }
  for (const ItemTemplate& item : t.items) {
    w.align(4);
    if (t.extended) {
      w.u32(item.help_id);
      w.u32(item.ex_style);
      w.u32(item.style);
    } else {
      w.u32(item.style);
      w.u32(item.ex_style);
    }
    w.s16(item.x);
    w.s16(item.y);
    w.s16(item.cx);
    w.s16(item.cy);
    if (t.extended) {
      w.u32(item.id);
    } else {
      w.u16(static_cast<uint16_t>(item.id));
    }
    w.name_or_ordinal(item.window_class);
    w.name_or_ordinal(item.title);
    w.u16(static_cast<uint16_t>(item.creation_data.size()));
    for (uint8_t b : item.creation_data) w.u8(b);
  }
  return std::move(w.bytes());
}

}  // namespace openras::dialog
