// renderers.cpp: the automatic choice of a renderer (dialog.h, choose_renderer).
#include <unistd.h>

#include "dialog/scripted.h"
#include "dialog/terminal.h"

namespace openras::dialog {

Result<std::shared_ptr<Renderer>> choose_renderer(const RendererChoice& choice) {
  if (choice.script) {
    auto r = ScriptedRenderer::from_file(*choice.script, choice.transcript.value_or(""));
    if (!r) return fail(r.error());
    return std::shared_ptr<Renderer>(*r);
  }
  if (choice.terminal_in >= 0 && choice.terminal_out >= 0 && ::isatty(choice.terminal_in) &&
      ::isatty(choice.terminal_out)) {
    if (choice.terminal_type.empty()) {
      return fail(Errc::kNotSupported,
                  "no terminal type for the terminal renderer (TERM is unset)");
    }
    return std::shared_ptr<Renderer>(std::make_shared<TerminalRenderer>(
        choice.terminal_in, choice.terminal_out, choice.terminal_type));
  }
  return fail(Errc::kNotSupported,
              "no renderer for dialogs: standard input and output are not a terminal and no "
              "answer script was given (run in a terminal, or pass an answer script)");
}

}  // namespace openras::dialog
