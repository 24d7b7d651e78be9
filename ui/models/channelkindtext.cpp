#include "channelkindtext.h"

#include <QCoreApplication>

namespace cs::ui {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("cs::ui::ChannelKind", text); }

}  // namespace

QString channelKindLabel(const ChannelKind &kind)
{
    QString text = channelTypeName(kind.type);
    if (kind.cache)
        text += QStringLiteral(" · cache");
    return text;
}

QString channelKindDescription(const ChannelKind &kind)
{
    QString text;
    switch (kind.type) {
    case ChannelType::Public: text = tr("public: anyone with the key may subscribe; no authorization"); break;
    case ChannelType::Private: text = tr("private: the subscription is signed by the authorizer"); break;
    case ChannelType::Presence:
        text = tr("presence: signed, with a user id and user info; members see each other");
        break;
    case ChannelType::PrivateEncrypted:
        text = tr("private-encrypted: signed; events are end-to-end encrypted with the master key");
        break;
    case ChannelType::ServerToUser: text = tr("server-to-user: internal channel used after sign-in"); break;
    }
    if (kind.cache)
        text += tr("\ncache: the last event is kept and replayed to new subscribers");
    return text;
}

}  // namespace cs::ui
