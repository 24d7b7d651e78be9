#include "contractloader.h"

#include "jsoncheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace cs {

Result<Contract> parseContract(const QString &eventGlob, const QByteArray &text, const QString &sourceFile)
{
    const auto value = json::checkJson(QString::fromUtf8(text), json::JsonShape::Object);
    if (!value)
        return Error{ErrorCode::InvalidContract, value.error().message};
    return Contract::compile(eventGlob, value->toObject(), sourceFile);
}

QString eventGlobOfFile(const QString &fileName)
{
    if (!fileName.endsWith(kContractSuffix, Qt::CaseInsensitive))
        return {};
    return fileName.left(fileName.size() - kContractSuffix.size());
}

QString contractFileName(const QString &eventGlob)
{
    QString name = eventGlob;
    name.replace(u'/', u'_');  // a file name, never a path
    return name + kContractSuffix;
}

Result<ContractSet> loadContractFolder(const QString &folder)
{
    const QDir dir(folder);
    if (folder.isEmpty() || !dir.exists())
        return Error{ErrorCode::ContractFolder, QStringLiteral("no contracts folder %1").arg(folder)};
    if (!dir.isReadable())
        return Error{ErrorCode::ContractFolder, QStringLiteral("cannot read the contracts folder %1").arg(folder)};
    ContractSet set;
    set.folder = dir.absolutePath();
    const QStringList files =
        dir.entryList({QStringLiteral("*") + kContractSuffix}, QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &fileName : files) {
        const QString path = dir.filePath(fileName);
        const QString glob = eventGlobOfFile(fileName);
        if (glob.isEmpty()) {
            set.addProblem({path, Error{ErrorCode::InvalidContract,
                                        QStringLiteral("%1: the file name names no event").arg(fileName)}});
            continue;
        }
        QFile file(path);
        if (QFileInfo(file).size() > kMaxContractBytes) {
            set.addProblem(
                {path, Error{ErrorCode::InvalidContract,
                             QStringLiteral("%1: larger than %2 MiB").arg(fileName).arg(kMaxContractBytes >> 20)}});
            continue;
        }
        if (!file.open(QIODevice::ReadOnly)) {
            set.addProblem(
                {path, Error{ErrorCode::InvalidContract, QStringLiteral("%1: %2").arg(fileName, file.errorString())}});
            continue;
        }
        auto contract = parseContract(glob, file.readAll(), path);
        if (!contract) {
            set.addProblem({path, Error{ErrorCode::InvalidContract,
                                        QStringLiteral("%1: %2").arg(fileName, contract.error().message)}});
            continue;
        }
        set.add(std::move(*contract));
    }
    return set;
}

Status requireAllLoaded(const ContractSet &set)
{
    if (set.problems().isEmpty())
        return {};
    QString message = set.problems().first().error.message;
    if (set.problems().size() > 1)
        message += QStringLiteral(" (and %1 more invalid contract files)").arg(set.problems().size() - 1);
    return Error{ErrorCode::InvalidContract, message};
}

}  // namespace cs
