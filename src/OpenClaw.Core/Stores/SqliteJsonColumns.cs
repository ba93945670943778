using System.IO;
using Newtonsoft.Json;
using OpenClaw.Core.Devices;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// Reads the JSON text columns of paired rows (roles_json, scopes_json, approved_scopes_json, tokens_json) straight
    /// into a device's fields, one row after another on one thread. Each column gets its own reader, as before, but
    /// they share one character buffer and one table of property names: with a new buffer per column, the buffers
    /// were most of what a listing allocated (about 8 KB a row).
    /// </summary>
    internal sealed class SqliteJsonColumns
    {
        private readonly ReusedBuffer _buffer = new ReusedBuffer();
        private readonly DefaultJsonNameTable _names = new DefaultJsonNameTable();

        public SqliteJsonColumns(string path) => Path = path;

        public string Path { get; }

        /// <summary>The values that repeat from row to row, kept once for all the rows this reader reads.</summary>
        public RepeatedStrings Strings { get; } = new RepeatedStrings();

        /// <summary>
        /// Reads a column holding a JSON array or object into the field <paramref name="field"/> (a record member
        /// name); SQL NULL leaves the field unset. Text that is not JSON, or a value of the other kind, is a
        /// StateFileInvalid naming the column and row. Dates stay strings and numbers keep their form, as the
        /// column's JToken would have.
        /// </summary>
        public void Read(PairedDeviceFields device, string field, string? text, string column, string rowId, bool isObject)
        {
            if (text == null) return;
            var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                ArrayPool = _buffer,
                PropertyNameTable = _names,
            };
            try
            {
                DeviceJsonValues.Next(reader);
                var expected = isObject ? JsonToken.StartObject : JsonToken.StartArray;
                if (reader.TokenType != expected)
                {
                    throw SqlitePairingRows.BadColumn(Path, column, rowId, $"it holds {DeviceJsonValues.Kind(reader.TokenType)}, not {(isObject ? "an object" : "an array")}");
                }
                device.Read(field, reader);
                if (reader.Read()) throw new JsonReaderException("text after the JSON value");
            }
            catch (JsonException e)
            {
                throw SqlitePairingRows.BadColumn(Path, column, rowId, "it is not valid JSON (" + e.Message + ")");
            }
            finally
            {
                reader.Close(); // gives the buffer back
            }
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
