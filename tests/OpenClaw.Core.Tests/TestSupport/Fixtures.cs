using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Tests.TestSupport;

/// <summary>
/// Redacted real samples copied from the OpenClaw measurements into Fixtures/ (copied to the output folder).
/// The .jsonl files hold one <c>{"dir":…,"frame":{…}}</c> (or <c>{"dir":…,"close":{…}}</c>) per line.
/// </summary>
public static class Fixtures
{
    public const string Frames2219 = "frames-2026.2.19.jsonl";
    public const string Frames96Hello = "frames-2026.9.6-hello.jsonl";
    public const string IdentityDevice = "identity-device-2026.2.19.json";
    public const string IdentityDeviceAuth = "identity-device-auth-2026.2.19.json";
    public const string OpenClawJsonMinimal = "openclaw-json-2026.2.19-minimal.json";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    /// <summary>The raw text of every recorded frame (not close records), in order.</summary>
    public static IReadOnlyList<string> FrameTexts(string name) =>
        File.ReadAllLines(PathOf(name))
            .Where(line => line.Length > 0)
            .Select(line => JObject.Parse(line)["frame"])
            .OfType<JObject>()
            .Select(frame => frame.ToString(Newtonsoft.Json.Formatting.None))
            .ToList();

    /// <summary>The first recorded frame that matches, as parsed JSON.</summary>
    public static JObject Frame(string name, Func<JObject, bool> match) =>
        FrameTexts(name).Select(JObject.Parse).First(match);

    public static JObject Challenge(string name) =>
        Frame(name, f => (string?)f["event"] == "connect.challenge");

    public static JObject HelloOkPayload(string name) =>
        (JObject)Frame(name, f => (string?)f["payload"]?["type"] == "hello-ok")["payload"]!;

    /// <summary>The error object of the first failed response with exactly this message.</summary>
    public static JObject ErrorFrame(string name, string message) =>
        (JObject)Frame(name, f => (string?)f["error"]?["message"] == message)["error"]!;

    /// <summary>The recorded close (code, reason) records.</summary>
    public static IReadOnlyList<(int Code, string Reason)> Closes(string name) =>
        File.ReadAllLines(PathOf(name))
            .Where(line => line.Length > 0)
            .Select(line => JObject.Parse(line)["close"])
            .OfType<JObject>()
            .Select(close => ((int)close["code"]!, (string?)close["reason"] ?? ""))
            .ToList();
}
