// promote.cpp: see promote.h.
#include "dialer/promote.h"

#include "base/caller.h"
#include "base/utf.h"
#include "phonebook/phonebook.h"

namespace openras::dialer {

EntryNumbers promoted(const EntryNumbers& numbers, std::size_t alternate) {
  EntryNumbers out;
  out.first = numbers.alternates.at(alternate);
  out.alternates.reserve(numbers.alternates.size());
  out.alternates.push_back(numbers.first);
  for (std::size_t i = 0; i < numbers.alternates.size(); ++i) {
    if (i != alternate) out.alternates.push_back(numbers.alternates[i]);
  }
  return out;
}

Result<Promotion> promote_alternate(const EntryInfo& dialled, std::size_t alternate) {
  if (alternate >= dialled.alternates.size()) {
    return fail(Errc::kInvalidArgument, "alternate " + std::to_string(alternate + 1) +
                                            " of an entry with " +
                                            std::to_string(dialled.alternates.size()));
  }
  auto who = calling_caller();
  if (!who) return fail(who.error());
  auto path = wide_to_utf8(dialled.phonebook);
  if (!path) return fail(path.error());
  const EntryNumbers before{dialled.phone_number, dialled.alternates};
  Promotion outcome = Promotion::kPromoted;
  auto written = phonebook::update_entry(
      **who, *path, dialled.name,
      [&](phonebook::EntryFields& fields) -> Status {
        phonebook::LinkFields link = fields.link(0);
        if (!(fields.entry.dwfOptions & RASEO_PromoteAlternates)) {
          outcome = Promotion::kFlagCleared;
          return {};
        }
        if (EntryNumbers{link.phone_number, link.alternates} != before) {
          outcome = Promotion::kChanged;
          return {};
        }
        EntryNumbers after = promoted(before, alternate);
        link.phone_number = std::move(after.first);
        link.alternates = std::move(after.alternates);
        return fields.set_link(0, link);
      },
      phonebook::IfMissing::kFail);
  if (!written) return fail(written.error());
  return outcome;
}

}  // namespace openras::dialer
