using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenClaw.PowerShell.Tests.Formatting
{
    /// <summary>
    /// A console host whose window is <see cref="Width"/> columns wide, so Out-Default lays tables out exactly as
    /// a 120-column terminal would; it keeps what was printed instead of showing it. It never prompts.
    /// </summary>
    public sealed class WideHost : PSHost
    {
        public const int Width = 120;

        private readonly Guid _id = Guid.NewGuid();

        public WideHostUI Screen { get; } = new WideHostUI();

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId => _id;
        public override string Name => "OpenClawViewTestHost";
        public override PSHostUserInterface UI => Screen;
        public override Version Version => new Version(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }

    public sealed class WideHostUI : PSHostUserInterface
    {
        private static readonly Regex Ansi = new Regex(@"\x1b\[[0-9;?]*[A-Za-z]", RegexOptions.Compiled);
        private readonly StringBuilder _text = new StringBuilder();

        public override PSHostRawUserInterface RawUI { get; } = new WideRawUI();

        /// <summary>Everything printed since the last <see cref="Clear"/>, without colour escapes.</summary>
        public string Text { get { lock (_text) return Ansi.Replace(_text.ToString(), ""); } }

        public IReadOnlyList<string> Lines => Text.Replace("\r\n", "\n").Split('\n');

        public void Clear() { lock (_text) _text.Clear(); }

        public override void Write(string value) { lock (_text) _text.Append(value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) => Write(value + "\n");
        public override void WriteErrorLine(string value) => Write("ERROR: " + value + "\n");
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) => Write("WARNING: " + message + "\n");

        public override string ReadLine() => throw new InvalidOperationException("A view test prompted for input.");
        public override SecureString ReadLineAsSecureString() => throw new InvalidOperationException("A view test prompted for a secret.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new InvalidOperationException("A view test prompted: " + message);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new InvalidOperationException("A view test prompted for a credential.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new InvalidOperationException("A view test prompted for a credential.");
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw new InvalidOperationException("A view test asked for confirmation: " + message);
    }

    /// <summary>The window the formatter asks about: 120 columns, as tests/OpenClaw.Demo's host.</summary>
    internal sealed class WideRawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get; set; } = new Size(WideHost.Width, 9999);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new Size(WideHost.Width, 50);
        public override Size MaxWindowSize => new Size(WideHost.Width, 50);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new Size(WideHost.Width, 50);
        public override string WindowTitle { get; set; } = "OpenClaw view tests";
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("View tests never read keys.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
