#include "privatefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace cs {

namespace {
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
}  // namespace

bool restrictToOwner(QFileDevice &file) { return file.setPermissions(kOwnerOnly); }

bool restrictToOwner(const QString &path) { return QFile::setPermissions(path, kOwnerOnly); }

bool preparePrivateFile(const QString &path)
{
    if (QFileInfo::exists(path))
        return restrictToOwner(path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    // Created with these rights, never wider for a moment.
    return file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly);
}

Status writePrivateFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    const auto failed = [&] {
        return Error{ErrorCode::ExportWrite,
                     QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString())};
    };
    if (!file.open(QIODevice::WriteOnly))
        return failed();
    if (!restrictToOwner(file)) {
        file.cancelWriting();
        return Error{ErrorCode::ExportPermissions,
                     QStringLiteral("Cannot make %1 private to you (0600); nothing was written.")
                         .arg(QDir::toNativeSeparators(path))};
    }
    if (file.write(bytes) != bytes.size() || !file.commit())
        return failed();
    return {};
}

}  // namespace cs
