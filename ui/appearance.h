#pragma once

#include "settings.h"

#include <QtGui/QColor>
#include <QtGui/QPalette>

namespace longlink::ui {

// Light and dark: the system's colours by default, or a fixed Fusion
// palette when the user chose one. Views draw with palette roles only, so
// they follow whatever is applied here.
class Appearance
{
public:
    // Remembers the system's style and palette; call once, before apply().
    static void captureSystem();
    static void apply(Settings::Theme theme);
    // True when the current window colour is dark (whatever the reason).
    static bool isDark(const QPalette &palette);
    // A stable colour for a user name, readable on the palette's base.
    static QColor userColor(const QString &user, const QPalette &palette);
    // Semantic colours that work on both palettes.
    static QColor okColor(const QPalette &palette);
    static QColor warnColor(const QPalette &palette);
    static QColor errorColor(const QPalette &palette);
};

} // namespace longlink::ui
