#include "eventdata.h"

namespace cs {

EventData EventData::fromFrame(const protocol::Frame &frame)
{
    EventData data;
    data.m_decoded = frame.dataDecoded;
    if (frame.dataDecoded)
        data.m_value = frame.data;
    else
        data.m_sentJson = frame.dataJson;
    return data;
}

QJsonValue EventData::value() const { return m_decoded ? m_value : protocol::decodeSentData(m_sentJson); }

}  // namespace cs
