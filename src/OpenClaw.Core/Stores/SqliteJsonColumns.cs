using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Stores.Json;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// The JSON text columns of the SQLite store (roles_json, scopes_json, approved_scopes_json, tokens_json), read
    /// by the same rules as paired.json and pending.json: <see cref="StateJson"/> parses them (what JSON.parse accepts,
    /// the last duplicate winning), <see cref="JsonRecords"/> checks the values' types, and text "null" is no value,
    /// as 2026.9.6's fromJsonColumn makes it (JSON.parse gives null, and a null field is left out). Reads one row
    /// after another on one thread, lending every column's reader the same character buffer (a new buffer per
    /// column was most of what a listing allocated, about 8 KB a row).
    /// </summary>
    internal sealed class SqliteJsonColumns
    {
        private readonly ReusedBuffer _buffer = new ReusedBuffer();

        public SqliteJsonColumns(string path) => Path = path;

        public string Path { get; }

        /// <summary>The values that repeat from row to row, kept once for all the rows this reader reads.</summary>
        public RepeatedStrings Strings { get; } = new RepeatedStrings();

        /// <summary>
        /// A column's value, checked: null for SQL NULL and for "null"; a StateFileInvalid naming the column and row
        /// for text that is not JSON or a value of the wrong type.
        /// </summary>
        public JToken? Value(string? text, string column, string rowId) => Value(text, column, Path, rowId, _buffer);

        /// <summary>
        /// Reads a column into the device's field <paramref name="field"/> (a record member name); no value leaves
        /// it unset. A plain text (nearly every one: what the gateway writes) is read straight into the field by the
        /// record rules, with no token tree: that tree and its checks were most of a listing's time, and of its
        /// compiling in a new process. Anything else (not JSON, an unpaired surrogate, a value the rules refuse, a
        /// duplicated token role) is read the exact way, <see cref="Value(string?, string, string)"/>, which
        /// refuses it with the reason or reads it as JSON.parse does.
        /// </summary>
        public void Read(PairedDeviceFields device, string field, string? text, string column, string rowId)
        {
            if (text == null) return;
            if (StateJson.IsPlain(text))
            {
                try
                {
                    using var plain = StateJson.TextReader(text, _buffer);
                    DeviceJsonValues.Next(plain);
                    device.ReadChecked(field, plain);
                    return;
                }
                catch (NotPlainRecordException)
                {
                    // Read again below; the field is set only by a read that completes.
                }
            }
            if (Value(text, column, rowId) is not { } value) return;
            using var reader = StateJson.Reader(value);
            DeviceJsonValues.Next(reader);
            device.Read(field, reader);
        }

        /// <inheritdoc cref="Value(string?, string, string)"/>
        public static JToken? Value(string? text, string column, string path, string rowId, IArrayPool<char>? buffers = null)
        {
            if (text == null) return null;
            JToken value;
            try
            {
                value = StateJson.Parse(text, buffers);
            }
            catch (JsonSyntaxException e)
            {
                throw SqlitePairingRows.BadColumn(path, column, rowId, $"it is not valid JSON: {e.Message} ({JsonStoreFile.Where(text, e.Offset)})");
            }
            if (value.Type == JTokenType.Null) return null;
            System.Func<string, System.Exception> refuse = problem => SqlitePairingRows.BadColumn(path, column, rowId, problem);
            if (column == "tokens_json") JsonRecords.Tokens(value, "it", null, refuse);
            else JsonRecords.Strings(value, "it", refuse);
            return value;
        }

        /// <summary>One buffer lent to one reader at a time (the columns are read one after another).</summary>
        private sealed class ReusedBuffer : IArrayPool<char>
        {
            private char[]? _free;

            public char[] Rent(int minimumLength)
            {
                var buffer = _free;
                if (buffer == null || buffer.Length < minimumLength) return new char[minimumLength];
                _free = null;
                return buffer;
            }

            public void Return(char[]? array)
            {
                if (array != null && (_free == null || array.Length > _free.Length)) _free = array;
            }
        }
    }
}
