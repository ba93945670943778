using System.Collections.Generic;
using Newtonsoft.Json;
using OpenClaw.Core.Devices;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// paired.json read straight from its text into devices, with no token tree, when the text is plain: JSON as
    /// JSON.parse accepts it, no unpaired surrogate, an object of records that each pass the record rules
    /// (JsonRecords, checked by PairedDeviceFields strict) and agree with their key, and no key that JSON.parse
    /// would move or merge (an array index, which it puts first, or a duplicate, of which it keeps the last at the
    /// first one's place). A file the gateway wrote is plain. Anything else gets no devices from here: the store
    /// reads it the exact way (<see cref="JsonStoreFile"/>, <see cref="JsonRecords.CheckPaired(JsonStoreFile, Newtonsoft.Json.Linq.JProperty)"/>),
    /// which names the problem or reads it as the gateway does. A tree of the whole file cost what Newtonsoft's
    /// JObject.Load costs, and compiling its path was most of a cold listing's time (docs/benchmarks.md); a plain
    /// file read this way gives the same devices, every record checked before the first is listed.
    /// </summary>
    internal static class PlainPairedRecords
    {
        /// <summary>The devices of a plain paired.json text in file order, or null when the text is not plain.</summary>
        public static List<PairedDevice>? Read(string text, RepeatedStrings strings)
        {
            if (!StateJson.IsPlain(text)) return null;
            var devices = new List<PairedDevice>();
            var keys = new HashSet<string>(System.StringComparer.Ordinal);
            using var reader = StateJson.TextReader(text);
            try
            {
                DeviceJsonValues.Next(reader);
                if (reader.TokenType != JsonToken.StartObject) return null;
                while (true)
                {
                    DeviceJsonValues.Next(reader);
                    if (reader.TokenType == JsonToken.EndObject) return devices;
                    var key = (string)reader.Value!;
                    if (!keys.Add(key) || NodeJson.IsArrayIndex(key)) return null;
                    var device = PairedDeviceFields.Build(reader, strings, strict: true);
                    // A record whose deviceId is absent takes its key, one whose deviceId is "" is refused: both
                    // build as "", so either goes the exact way (the gateway always writes the id).
                    if (device.DeviceId != key) return null;
                    devices.Add(device);
                }
            }
            catch (NotPlainRecordException)
            {
                return null;
            }
        }
    }
}
