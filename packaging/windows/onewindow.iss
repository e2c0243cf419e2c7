; Inno Setup script of the OneWindow installer for Windows 10/11 x64 (NOT built or run on this project's build
; machine, which is Linux: see docs/INSTALL.md, "Windows"). Build on Windows once build\dist\onewindow exists
; (docs/INSTALL.md, "Building on Windows": pinned venv + PyInstaller with packaging\onewindow.spec), then:
;   iscc /DAppVersion=0.1.0 packaging\windows\onewindow.iss      -> dist\onewindow-0.1.0-setup.exe
; Per-machine install under Program Files; every clerk's data stays in their own %LOCALAPPDATA%\OneWindow\OneWindow
; folder (platformdirs), which neither an upgrade nor the uninstaller touches.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define BundleDir "..\..\build\dist\onewindow"

[Setup]
; A fixed AppId makes each new setup.exe an upgrade of the installed one (same folder, same uninstaller entry).
AppId={{6B0F3C51-7A0E-4C7C-9E2B-5D1B0A4E0A18}
AppName=一窗受理工作台
AppVerName=一窗受理工作台 {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=OneWindow
DefaultDirName={autopf}\OneWindow
DefaultGroupName=一窗受理工作台
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
PrivilegesRequired=admin
OutputDir=..\..\dist
OutputBaseFilename=onewindow-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
SetupIconFile=..\onewindow.ico
UninstallDisplayIcon={app}\onewindow.exe
; Close a running workstation before replacing its files (the clerk is asked first).
CloseApplications=yes
RestartApplications=no
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the program folder wholesale: no stale module of the old version may be found by the new one
; (migrations are discovered by listing a folder). Data is never under {app}.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\一窗受理工作台"; Filename: "{app}\onewindow.exe"
Name: "{group}\OneWindow 管理命令行 (doctor)"; Filename: "{cmd}"; Parameters: "/k ""{app}\onewindow-admin.exe"" doctor"
Name: "{autodesktop}\一窗受理工作台"; Filename: "{app}\onewindow.exe"; Tasks: desktopicon

[Registry]
; onewindow-admin on the machine PATH for IT staff.
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; \
  ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\onewindow-admin.exe"; Parameters: "doctor"; Flags: runhidden nowait skipifsilent; \
  Description: "检查安装 (doctor)"
Filename: "{app}\onewindow.exe"; Description: "{cm:LaunchProgram,一窗受理工作台}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Current: string;
begin
  if not RegQueryStringValue(HKEY_LOCAL_MACHINE,
      'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Current) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Current) + ';') = 0;
end;
