#include "enumnames.h"

namespace longlink {

QString kebabCase(const char *key)
{
    QString name;
    if (!key)
        return name;
    for (const char *p = key; *p; ++p) {
        const QChar c = QLatin1Char(*p);
        if (c.isUpper()) {
            if (p != key)
                name += u'-';
            name += c.toLower();
        } else {
            name += c;
        }
    }
    return name;
}

} // namespace longlink
