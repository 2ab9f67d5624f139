#pragma once

#include "bytelink.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

#include <functional>
#include <vector>

namespace longlink {

// One link to a service that several addresses reach (a cluster's nodes, a
// server's mqtts:// and wss:// doors): opens links to them in order of
// preference, a short step apart (sooner when one fails), and keeps the
// first to open, except that an earlier address that opens within the
// preference window still beats a later one (Happy Eyeballs, RFC 8305,
// one level up: addresses instead of address families). The rest are
// aborted. From then on it is the winner: every call and signal goes
// through to it.
//
// The race is for the connection, not for CONNACK: sending CONNECT with one
// client id on several connections at once would make the broker (or the
// cluster) hand the session from one to the other. The session sends
// CONNECT on the winner only; if that fails, the next race starts with the
// next address (the caller's order).
class RacingLink : public ByteLink
{
    Q_OBJECT

public:
    using Factory = std::function<ByteLink *(QObject *parent, QString *error)>;
    struct Candidate
    {
        QUrl url;
        QVariantMap options; // overlaid on what open() is given (TLS options per address)
        Factory make;
    };

    // How long a later address waits for an earlier one, and the step
    // between starting two attempts when neither has failed.
    static constexpr int kPreferenceWindowMs = 300;
    static constexpr int kStaggerMs = 250;

    explicit RacingLink(std::vector<Candidate> candidates, QObject *parent = nullptr);
    ~RacingLink() override;

    // `endpoint` is ignored: the candidates have theirs. `options` (the
    // session's: connect timeout, ...) go to every candidate.
    void open(const QUrl &endpoint, const QVariantMap &options) override;
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override;
    void close() override;
    void abort() override;
    bool release(QVariantMap &state) override;
    bool adopt(const QVariantMap &state) override;
    QVariantMap handoverRequest() const override;
    QString description() const override;
    QVariantMap connectionInfo() const override;
    void decideCertificate(CertificateDecision decision) override;

    // After opened(): the address that won, and its link.
    QUrl winnerUrl() const;
    ByteLink *winner() const { return m_winner; }

Q_SIGNALS:
    // Just before opened(): which candidate won.
    void won(const QUrl &url, longlink::ByteLink *link);

private:
    struct Attempt
    {
        Candidate candidate;
        QPointer<ByteLink> link;
        bool started = false;
        bool opened = false;
        bool failed = false;
        ByteLink::Error error = ByteLink::Error::None;
        QString reason;
    };

    void startNext();
    void start(size_t index);
    void onOpened(size_t index);
    void onClosed(size_t index, ByteLink::Error error, const QString &reason);
    // Picks the winner if the preferences allow one now.
    void decide();
    void win(size_t index);
    void failAll();
    void dropLosers();
    void finishLater(ByteLink::Error error, const QString &reason);

    std::vector<Attempt> m_attempts;
    QVariantMap m_options;
    QPointer<ByteLink> m_winner;
    size_t m_winnerIndex = 0;
    QPointer<ByteLink> m_asking; // the candidate waiting for decideCertificate()
    QTimer m_staggerTimer;
    QTimer m_preferenceTimer;
    bool m_opening = false;
    bool m_preferenceOver = false; // a later address that opened may win now
    bool m_done = false; // closed() sent, or will be
};

} // namespace longlink
