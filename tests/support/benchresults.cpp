#include "benchresults.h"

#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSaveFile>

#include <algorithm>
#include <cmath>

namespace longlink::test {

bool mergeBenchResults(const QString &path, const QString &key, const QJsonValue &value)
{
    QJsonObject all;
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly))
        all = QJsonDocument::fromJson(existing.readAll()).object();
    existing.close();
    all.insert(key, value);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    out.write(QJsonDocument(all).toJson());
    return out.commit();
}

double quantile(QList<double> values, double q)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(q * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

} // namespace longlink::test
