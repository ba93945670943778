using System;

namespace OpenClaw.HelpBuilder
{
    /// <summary>
    /// A page that does not follow the schema. Carries the file and 1-based line so the build can point at it;
    /// <see cref="ToString"/> is MSBuild's canonical error format, which Exec turns into a clickable build error.
    /// </summary>
    internal sealed class HelpFormatException : Exception
    {
        public HelpFormatException(string path, int line, string message)
            : base(message)
        {
            Path = path;
            Line = line;
        }

        public string Path { get; }

        public int Line { get; }

        public override string ToString() => $"{Path}({Line}): error OCHELP: {Message}";
    }
}
