#pragma once
// Files that hold secrets (a settings file under the plain-settings policy) or what the user
// exports (logs, profiles) are readable by their owner only: 0600. A QSaveFile is restricted
// after open() and before anything is written, so the finished file never had wider rights;
// QSaveFile and QSettings keep an existing file's permissions on later writes.

#include "result.h"

#include <QByteArray>
#include <QString>

class QFileDevice;

namespace cs {

// ReadOwner | WriteOwner. False when the file system refused.
bool restrictToOwner(QFileDevice &file);
bool restrictToOwner(const QString &path);
// Creates `path` empty with 0600 when it does not exist yet, else restricts it: call before a
// QSettings writes a secret there for the first time.
bool preparePrivateFile(const QString &path);
// The whole file through a QSaveFile, 0600 from the start.
Status writePrivateFile(const QString &path, const QByteArray &bytes);

}  // namespace cs
