#include "transportevent.h"

using namespace Qt::StringLiterals;

namespace longlink {

QString TransportEvent::stepName(Step step)
{
    switch (step) {
    case Step::Discovered:
        return u"discovered"_s;
    case Step::Rejected:
        return u"rejected"_s;
    case Step::Loading:
        return u"loading"_s;
    case Step::Opening:
        return u"opening"_s;
    case Step::Resumed:
        return u"resumed"_s;
    case Step::Active:
        return u"active"_s;
    case Step::RolledBack:
        return u"rolled-back"_s;
    case Step::Unloaded:
        return u"unloaded"_s;
    }
    return QString();
}

} // namespace longlink
