#pragma once

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <functional>

namespace longlink {

// The checks of one trial, in order, each told to a reporter as it starts
// (Running) and as it ends: a crash or a hang is then placed at the step it
// happened in.
class CheckLog : public QObject
{
    Q_OBJECT

public:
    // Skip: the check cannot apply to this plugin (says why); not a failure.
    enum class Result { Running, Pass, Warn, Fail, Skip };
    Q_ENUM(Result)

    struct Check
    {
        QString name; // "load", "open", ...: stable, for the host and scripts
        Result result = Result::Running;
        QString detail; // what happened, or what to fix
    };

    void setReporter(std::function<void(const Check &)> reporter)
    {
        m_reporter = std::move(reporter);
    }

    void begin(const QString &name);
    void end(Result result, const QString &detail = QString());
    void pass(const QString &detail = QString()) { end(Result::Pass, detail); }
    void warn(const QString &detail) { end(Result::Warn, detail); }
    void skip(const QString &detail) { end(Result::Skip, detail); }
    // Ends the check as failed; `problem` is the host's Problem name of the
    // first failure ("failed-check", "load-failed", ...). Returns false.
    bool fail(const QString &detail, const QString &problem = QStringLiteral("failed-check"));
    // A check that does not apply, begun and ended at once.
    void notApplicable(const QString &name, const QString &why);

    QList<Check> checks() const { return m_checks; }
    bool failed() const;
    // The first failure: what the host shows as the reason.
    QString failure() const;
    QString problem() const { return m_problem; }
    void setProblem(const QString &problem)
    {
        if (m_problem.isEmpty())
            m_problem = problem;
    }

private:
    std::function<void(const Check &)> m_reporter;
    QList<Check> m_checks;
    QString m_problem;
};

} // namespace longlink
