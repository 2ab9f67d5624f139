#include "transportevent.h"

#include "enumnames.h"

namespace longlink {

QString TransportEvent::stepName(Step step)
{
    return enumName(step);
}

} // namespace longlink
