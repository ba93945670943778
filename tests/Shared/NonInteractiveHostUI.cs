using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace OpenClaw.Tests.Shared
{
    /// <summary>
    /// A host UI nobody sits in front of: every prompt throws, naming what prompted, since a prompt would hang a
    /// scheduled task. Debug, progress, verbose and warning lines are dropped unless a derived UI shows them; where
    /// the rest of the text goes is the derived UI's choice.
    /// </summary>
    public abstract class NonInteractiveHostUI : PSHostUserInterface
    {
        private readonly string _subject;

        /// <param name="subject">Who would have prompted, as the failure says it: "The command", "A view test".</param>
        protected NonInteractiveHostUI(string subject)
        {
            _subject = subject;
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }

        public override string ReadLine() => throw Prompted(" prompted for input.");
        public override SecureString ReadLineAsSecureString() => throw Prompted(" prompted for a secret.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw Prompted(" prompted: " + message);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw Prompted(" prompted for a credential.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw Prompted(" prompted for a credential.");
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw Prompted(" asked for confirmation: " + message);

        private InvalidOperationException Prompted(string what) => new InvalidOperationException(_subject + what);
    }
}
