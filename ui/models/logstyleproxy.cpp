#include "logstyleproxy.h"

#include "logmodel.h"
#include "violationmark.h"

#include <QFontDatabase>
#include <QPainter>
#include <QPixmap>

namespace cs::ui {

namespace {

// Hue per kind (HSL degrees); -1: neutral, drawn in a muted text colour without a tint.
// Neighbouring kinds that appear side by side in a log get hues far apart.
constexpr std::array<int, kEntryKindCount> kKindHues{
    -1,   // State
    -1,   // Timer
    185,  // Connection: teal
    215,  // Subscription: blue
    275,  // Presence: purple
    125,  // Event: green
    30,   // ClientEvent: orange
    245,  // Signin: indigo
    50,   // Auth: amber
    320,  // Rest: magenta
    0,    // Error: red
    95,   // Api: a backend's call through the tap, yellow-green
    160,  // Webhook: sea green
    200,  // Watch: sky
};

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

QIcon dotIcon(const QColor &color)
{
    QIcon icon;
    for (const int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        const qreal d = size * 0.55;
        painter.drawEllipse(QRectF((size - d) / 2, (size - d) / 2, d, d));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString kindDescription(EntryKind kind)
{
    switch (kind) {
    case EntryKind::State: return LogStyleProxy::tr("Connection state transition (local)");
    case EntryKind::Timer: return LogStyleProxy::tr("Activity, pong or retry timer decision (local)");
    case EntryKind::Connection: return LogStyleProxy::tr("pusher:connection_established, ping or pong");
    case EntryKind::Subscription: return LogStyleProxy::tr("Subscribe, unsubscribe, subscription succeeded or error");
    case EntryKind::Presence: return LogStyleProxy::tr("Presence member added or removed");
    case EntryKind::Event: return LogStyleProxy::tr("Channel event from the server");
    case EntryKind::ClientEvent: return LogStyleProxy::tr("Client event (client-*), either direction");
    case EntryKind::Signin: return LogStyleProxy::tr("User sign-in (pusher:signin, signin_success)");
    case EntryKind::Auth: return LogStyleProxy::tr("Channel authorization made or failed (local)");
    case EntryKind::Rest: return LogStyleProxy::tr("REST API request and answer");
    case EntryKind::Error: return LogStyleProxy::tr("Error: pusher:error, transport/TLS error or undecodable frame");
    case EntryKind::Api:
        return LogStyleProxy::tr("A backend's API call through the REST tap, its signature and answer");
    case EntryKind::Webhook: return LogStyleProxy::tr("A webhook event received by the inbox");
    case EntryKind::Watch: return LogStyleProxy::tr("A channel became occupied or vacated (watch)");
    }
    return {};
}

int roleInt(const QModelIndex &index, int role, int fallback)
{
    QVariant v = index.data(role);
    if (!v.isValid())
        v = index.siblingAtColumn(0).data(role);
    return v.isValid() ? v.toInt() : fallback;
}

}  // namespace

LogStyleProxy::LogStyleProxy(QObject *parent)
    : QIdentityProxyModel(parent),
      m_mono(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
    setPalette(QPalette());
}

LogStyleProxy::~LogStyleProxy() = default;

QString LogStyleProxy::directionText(Direction direction)
{
    switch (direction) {
    case Direction::In: return QStringLiteral("\u2193 in");
    case Direction::Out: return QStringLiteral("\u2191 out");
    case Direction::Local: return QStringLiteral("\u2022 local");
    }
    return {};
}

void LogStyleProxy::setPalette(const QPalette &palette)
{
    m_palette = palette;
    m_dark = palette.color(QPalette::Base).lightness() < 128;
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    m_muted = QBrush(mix(text, base, 0.4));
    for (int k = 0; k < kEntryKindCount; ++k) {
        KindStyle &style = m_kinds[std::size_t(k)];
        const int hue = kKindHues[std::size_t(k)];
        if (hue < 0) {
            style.foreground = m_muted;
            style.background = QBrush();
            style.icon = dotIcon(mix(text, base, 0.55));
            continue;
        }
        const bool error = EntryKind(k) == EntryKind::Error;
        // Saturated but not loud: dark enough on white, light enough on near-black, and the row
        // tint is a translucent wash so that the palette's own base shows through.
        const QColor fg = m_dark ? QColor::fromHsl(hue, 170, 172) : QColor::fromHsl(hue, 200, 78);
        const QColor tint =
            m_dark ? QColor::fromHsl(hue, 150, 120, error ? 80 : 46) : QColor::fromHsl(hue, 190, 150, error ? 60 : 34);
        style.foreground = QBrush(fg);
        style.background = QBrush(tint);
        style.icon = dotIcon(m_dark ? QColor::fromHsl(hue, 180, 150) : QColor::fromHsl(hue, 200, 110));
    }
    if (sourceModel() && rowCount() > 0) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                           {Qt::ForegroundRole, Qt::BackgroundRole, Qt::DecorationRole});
    }
}

QColor LogStyleProxy::kindForeground(EntryKind kind) const { return m_kinds[std::size_t(kind)].foreground.color(); }

QColor LogStyleProxy::kindBackground(EntryKind kind) const
{
    const QBrush &b = m_kinds[std::size_t(kind)].background;
    return b.style() == Qt::NoBrush ? QColor(Qt::transparent) : b.color();
}

QIcon LogStyleProxy::kindIcon(EntryKind kind) const { return m_kinds[std::size_t(kind)].icon; }

QVariant LogStyleProxy::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const auto column = LogColumn(index.column());
    if (column == LogColumn::Event) {  // the payload-contract marker (violationmark.h)
        if (QVariant mark = violationMark(mapToSource(index), role); mark.isValid())
            return mark;
    }
    const auto kindOf = [&] {
        const int k = roleInt(index, KindRole, int(EntryKind::State));
        return std::size_t(qBound(0, k, kEntryKindCount - 1));
    };
    switch (role) {
    case Qt::DisplayRole:
        if (column == LogColumn::Direction) {
            const int d = roleInt(index, DirectionRole, -1);
            if (d >= 0)
                return directionText(Direction(d));
        }
        break;
    case Qt::ForegroundRole: {
        const std::size_t k = kindOf();
        if (column != LogColumn::Kind && roleInt(index, FoldCountRole, 1) > 1)
            return QVariant::fromValue(m_muted);  // a folded keepalive run stays in the background
        if (column == LogColumn::Kind || EntryKind(k) == EntryKind::Error)
            return QVariant::fromValue(m_kinds[k].foreground);
        if (column == LogColumn::Direction && roleInt(index, DirectionRole, 0) == int(Direction::Local))
            return QVariant::fromValue(m_muted);
        if (column == LogColumn::Time || column == LogColumn::Size)
            return QVariant::fromValue(m_muted);
        break;
    }
    case Qt::BackgroundRole: {
        const KindStyle &style = m_kinds[kindOf()];
        if (style.background.style() != Qt::NoBrush)
            return QVariant::fromValue(style.background);
        break;
    }
    case Qt::DecorationRole:
        if (column == LogColumn::Kind)
            return m_kinds[kindOf()].icon;
        break;
    case Qt::FontRole:
        if (column == LogColumn::Summary && roleInt(index, FoldCountRole, 1) > 1) {
            QFont italic = m_mono;
            italic.setItalic(true);
            return italic;
        }
        if (column == LogColumn::Time || column == LogColumn::Summary || column == LogColumn::Size)
            return m_mono;
        break;
    case Qt::TextAlignmentRole:
        if (column == LogColumn::Size)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        const QVariant own = QIdentityProxyModel::data(index, role);
        if (own.isValid())
            return own;
        if (column == LogColumn::Kind)
            return kindDescription(EntryKind(kindOf()));
        if (column == LogColumn::Summary || column == LogColumn::Channel || column == LogColumn::Event)
            return QIdentityProxyModel::data(index, Qt::DisplayRole);
        return {};
    }
    default: break;
    }
    return QIdentityProxyModel::data(index, role);
}

QVariant LogStyleProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (LogColumn(section)) {
        case LogColumn::Time: return tr("Local time the entry was logged, with milliseconds");
        case LogColumn::Direction:
            return tr("\u2193 in: received, \u2191 out: sent, \u2022 local: a decision of this app");
        case LogColumn::Kind:
            return tr(
                "What the entry is: event, client-event, subscription, presence, connection, state, timer, auth, rest, error…");
        case LogColumn::Channel: return tr("Channel the frame belongs to");
        case LogColumn::Event: return tr("Pusher event name");
        case LogColumn::Summary:
            return tr("One line of the data (local entries: the message); select the row for everything");
        case LogColumn::Size: return tr("Bytes on the wire (local entries: size of the details)");
        case LogColumn::Count: break;
        }
    }
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section == int(LogColumn::Size))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return QIdentityProxyModel::headerData(section, orientation, role);
}

}  // namespace cs::ui
