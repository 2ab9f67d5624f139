#include "checklog.h"

namespace longlink {

void CheckLog::begin(const QString &name)
{
    m_checks.append({ name, Result::Running, QString() });
    if (m_reporter)
        m_reporter(m_checks.last());
}

void CheckLog::end(Result result, const QString &detail)
{
    m_checks.last().result = result;
    m_checks.last().detail = detail;
    if (m_reporter)
        m_reporter(m_checks.last());
}

bool CheckLog::fail(const QString &detail, const QString &problem)
{
    setProblem(problem);
    end(Result::Fail, detail);
    return false;
}

void CheckLog::notApplicable(const QString &name, const QString &why)
{
    begin(name);
    skip(why);
}

bool CheckLog::failed() const
{
    for (const Check &check : m_checks) {
        if (check.result == Result::Fail)
            return true;
    }
    return false;
}

QString CheckLog::failure() const
{
    for (const Check &check : m_checks) {
        if (check.result == Result::Fail)
            return check.detail;
    }
    return QString();
}

} // namespace longlink
