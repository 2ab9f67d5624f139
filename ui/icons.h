#pragma once

#include <QtGui/QColor>
#include <QtGui/QIcon>

namespace longlink::ui::icons {

// Icons are painted, not loaded: they stay sharp at any device pixel ratio
// and need no image-format plugin. resources/icons/longlink.svg is the same
// drawing for desktop environments.
QIcon app();
// The app icon with a badge when something is unread, for the tray.
QIcon tray(bool unread);
// A filled circle, e.g. for a connection state or a presence.
QIcon dot(const QColor &color);

} // namespace longlink::ui::icons
