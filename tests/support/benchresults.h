#pragma once

#include <QtCore/QJsonValue>
#include <QtCore/QList>
#include <QtCore/QString>

namespace longlink::test {

// bench-results.json holds one key per benchmark program; each program
// replaces its own key and keeps the others, so `./dev bench` can run them
// one after the other into one file.
bool mergeBenchResults(const QString &path, const QString &key, const QJsonValue &value);

// The q-quantile (0..1) of `values` (nearest rank); 0 for none.
double quantile(QList<double> values, double q);

} // namespace longlink::test
