#pragma once

#include <QtCore/QString>

namespace longlink {

// What an edit or a deletion did to a stored message: the text it shows
// now, for views to follow.
struct MessageChange
{
    QString room;
    QString id;
    QString text;
    qint64 editedTs = 0; // the edit's ts; 0 for a deletion
    bool deleted = false;
};

} // namespace longlink
