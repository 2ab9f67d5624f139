#pragma once

#include <longlink/transport.h>

namespace longlink::test {

// The real TCP transport, with one fault chosen at compile time
// (LONGLINK_FIXTURE_FAULT_<NAME>): none, unresolved (the library cannot
// load), create (no transport), refuse (open fails at once), silent (open
// never answers), probation (works, then fails 300 ms after opening),
// crash (the process aborts while opening), latetimer / lefttimer (works,
// but leaves a timer into its own code running when a transport is
// destroyed: it fires 3 s / 200 ms later, after the library is unloaded),
// leftthread (the same with a thread), hang (loading never returns),
// marker (works, and writes the file LONGLINK_FIXTURE_MARKER names when loaded),
// eventinopen (open() waits in a nested event loop, so transportOpened comes
// from inside open()), noclosed (close() and abort() never lead to
// transportClosed), unique (works, but is built with default visibility, so
// the library has GNU unique symbols and can never be unloaded).
longlink::sdk::Transport *createFaultyTransport(longlink::sdk::TransportEvents *events);

} // namespace longlink::test
