#include "icons.h"

#include <QtGui/QPainter>
#include <QtGui/QPainterPath>
#include <QtGui/QPixmap>

#include <functional>

namespace longlink::ui::icons {

namespace {
constexpr int kSizes[] = { 16, 22, 24, 32, 48, 64, 128, 256 };

// Drawn on a 256 x 256 canvas: a blue rounded square with two chain links.
void paintApp(QPainter &p, int size)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 256.0, size / 256.0);
    QLinearGradient background(0, 0, 0, 256);
    background.setColorAt(0, QColor(0x3d, 0x8b, 0xf2));
    background.setColorAt(1, QColor(0x1f, 0x5f, 0xc4));
    p.setPen(Qt::NoPen);
    p.setBrush(background);
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 56, 56);
    p.translate(128, 128);
    p.rotate(-40);
    QPen pen(Qt::white, 22, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(QRectF(-92, -30, 112, 60), 30, 30);
    p.drawRoundedRect(QRectF(-20, -30, 112, 60), 30, 30);
    p.restore();
}

QPixmap render(int size, qreal dpr, const std::function<void(QPainter &, int)> &paint)
{
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    paint(p, size);
    return pixmap;
}

QIcon build(const std::function<void(QPainter &, int)> &paint)
{
    QIcon icon;
    for (int size : kSizes) {
        icon.addPixmap(render(size, 1.0, paint));
        icon.addPixmap(render(size, 2.0, paint));
    }
    return icon;
}
} // namespace

QIcon app()
{
    static const QIcon icon = build(paintApp);
    return icon;
}

QIcon tray(bool unread)
{
    if (!unread)
        return app();
    static const QIcon icon = build([](QPainter &p, int size) {
        paintApp(p, size);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal r = size * 0.22;
        p.setPen(QPen(Qt::white, size / 32.0));
        p.setBrush(QColor(0xe5, 0x48, 0x3b));
        p.drawEllipse(QPointF(size - r - 1, r + 1), r, r);
    });
    return icon;
}

QIcon dot(const QColor &color)
{
    return build([color](QPainter &p, int size) {
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        const qreal r = size * 0.3;
        p.drawEllipse(QPointF(size / 2.0, size / 2.0), r, r);
    });
}

} // namespace longlink::ui::icons
