#pragma once

#include <QtWidgets/QLabel>

namespace longlink::ui {

// One line of text shown whole while there is room and elided at the end
// only when there is not (the owner puts the whole text in the tooltip). It asks for
// its whole width but can shrink to a few characters, so a long reason
// neither pushes the widgets beside it away nor gets cut while space is
// left.
class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setFullText(const QString &text);
    QString fullText() const { return m_fullText; }
    bool isElided() const { return text() != m_fullText; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_fullText;
};

} // namespace longlink::ui
