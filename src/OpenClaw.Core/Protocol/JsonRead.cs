using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Protocol
{
    /// <summary>
    /// Type-checked reads of peer-supplied JSON. Newtonsoft's explicit casts throw ArgumentException or
    /// InvalidOperationException when a value has another type than expected; a misbehaving peer must produce a
    /// protocol error, not an unexpected exception, so every read of a frame field goes through here.
    /// </summary>
    internal static class JsonRead
    {
        public static string? Text(JToken? token) => token is JValue { Type: JTokenType.String } value ? (string?)value.Value : null;

        public static long? Integer(JToken? token) =>
            token is JValue { Type: JTokenType.Integer } value ? System.Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture) : (long?)null;

        public static bool? Boolean(JToken? token) => token is JValue { Type: JTokenType.Boolean } value ? (bool?)value.Value : null;

        public static JToken? Child(JToken? token, string key) => token is JObject obj ? obj[key] : null;
    }
}
