// Topic names and filters (spec 4.7): what is valid, and what matches.
#include "mqttpacket.h"
#include "mqttwire_p.h"

using namespace Qt::StringLiterals;

namespace longlink::mqtt {

using namespace wire;

namespace wire {

QString topicNameProblem(QStringView topic)
{
    if (topic.isEmpty())
        return u"topic name is empty"_s;
    if (topic.contains(u'+') || topic.contains(u'#'))
        return u"topic name contains a wildcard"_s;
    QString error;
    const qsizetype bytes = utf8Length(topic, &error);
    if (bytes < 0)
        return u"topic name: "_s + error;
    if (bytes > kMaxStringBytes)
        return u"topic name exceeds 65,535 UTF-8 bytes"_s;
    return {};
}

} // namespace wire

bool isValidTopicName(const QString &topic)
{
    return topicNameProblem(topic).isEmpty();
}

bool isValidTopicFilter(const QString &filter)
{
    if (filter.isEmpty())
        return false;
    const qsizetype bytes = utf8Length(filter, nullptr);
    if (bytes < 0 || bytes > kMaxStringBytes)
        return false;
    const qsizetype n = filter.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = filter.at(i);
        if (c != u'+' && c != u'#')
            continue;
        const bool startsLevel = i == 0 || filter.at(i - 1) == u'/';
        const bool endsLevel = i + 1 == n || filter.at(i + 1) == u'/';
        if (!startsLevel || !endsLevel)
            return false;
        if (c == u'#' && i + 1 != n)
            return false;
    }
    return true;
}

bool topicMatchesFilter(const QString &topic, const QString &filter)
{
    if (!isValidTopicName(topic) || !isValidTopicFilter(filter))
        return false;
    // Spec 4.7.2: "$SYS/..." and similar are hidden from leading wildcards.
    if (topic.startsWith(u'$') && (filter.startsWith(u'+') || filter.startsWith(u'#')))
        return false;

    const QStringView t(topic);
    const QStringView f(filter);
    qsizetype ti = 0;
    qsizetype fi = 0;
    for (;;) {
        qsizetype fe = f.indexOf(u'/', fi);
        if (fe < 0)
            fe = f.size();
        const QStringView filterLevel = f.sliced(fi, fe - fi);
        if (filterLevel == QStringView(u"#"))
            return true;
        qsizetype te = t.indexOf(u'/', ti);
        if (te < 0)
            te = t.size();
        if (filterLevel != QStringView(u"+") && filterLevel != t.sliced(ti, te - ti))
            return false;
        const bool topicDone = te == t.size();
        const bool filterDone = fe == f.size();
        if (topicDone && filterDone)
            return true;
        if (filterDone)
            return false;
        if (topicDone) // "a/#" also matches its parent "a".
            return f.sliced(fe + 1) == QStringView(u"#");
        ti = te + 1;
        fi = fe + 1;
    }
}

} // namespace longlink::mqtt
