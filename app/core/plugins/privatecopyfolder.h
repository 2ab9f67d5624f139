#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

#include <memory>

class QLockFile;
class QTemporaryDir;

namespace longlink {

// A folder of private plugin copies for one process: made 0700 under the
// user's runtime folder (<runtime>/longlink/<kind>-XXXXXX), locked for as
// long as it lives and removed with it. Folders whose process died (a crash
// leaves them) are removed by removeStale() at the next start.
class PrivateCopyFolder
{
    Q_DECLARE_TR_FUNCTIONS(PrivateCopyFolder)

public:
    // `kind`: "plugins" for the host, "check" for the transport check.
    explicit PrivateCopyFolder(const QString &kind);
    ~PrivateCopyFolder();

    bool isValid() const;
    QString path() const;
    QString errorString() const { return m_error; }

    // <runtime>/longlink, made 0700 (the data folder if there is no runtime folder).
    static QString root();
    // Removes the folders of processes that are gone; returns how many.
    static int removeStale();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QLockFile> m_lock;
    QString m_error;
};

} // namespace longlink
