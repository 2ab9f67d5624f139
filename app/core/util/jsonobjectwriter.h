#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

namespace longlink {

// Writes one flat JSON object straight into UTF-8 bytes, keys in the order
// given. QJsonObject builds a sorted map and a document per object; on the
// per-message paths (every payload sent, every line the CLI prints) that was
// a fifth of the CPU time, so flat objects are written by hand here.
// Parsing stays with QJsonDocument.
class JsonObjectWriter
{
public:
    explicit JsonObjectWriter(qsizetype reserve = 128);

    JsonObjectWriter &add(const char *key, const QString &value);
    JsonObjectWriter &add(const char *key, qint64 value);
    JsonObjectWriter &add(const char *key, bool value);

    // The object, closed. The writer is done after this.
    QByteArray finish();

    // `text` as a JSON string literal (quotes included), UTF-8.
    static void appendString(QByteArray &out, const QString &text);

private:
    void appendKey(const char *key);

    QByteArray m_out;
    bool m_first = true;
};

} // namespace longlink
