<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sr_Latn">
<context>
    <name>DockLayout</name>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>Autograd example</source>
        <translation>Primer autograd-a</translation>
    </message>
    <message>
        <source>Backprop</source>
        <translation>Propagacija unazad</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Gubitak</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>Gradijenti</translation>
    </message>
    <message>
        <source>Gradient health</source>
        <translation>Zdravlje gradijenata</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Pažnja</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generisanje</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokeni</translation>
    </message>
    <message>
        <source>Tensor lab</source>
        <translation>Laboratorija tenzora</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Pokretanje</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Jezik</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Jezik</translation>
    </message>
    <message>
        <source>Backprop Studio will speak {language} from its next start.</source>
        <translation>Backprop Studio će govoriti jezik {language} od sledećeg pokretanja.</translation>
    </message>
    <message>
        <source>Restart now to switch at once. Your recorded run is kept; save the model first if you want its weights.</source>
        <translation>Pokrenite ponovo odmah da biste odmah promenili jezik. Snimljeno pokretanje se čuva; prvo sačuvajte model ako želite njegove težine.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Pokreni ponovo</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Kasnije</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datoteka</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Pokretanje</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>P&amp;rikaz</translation>
    </message>
    <message>
        <source>Show or hide the {panel} panel</source>
        <translation>Prikaži ili sakrij panel {panel}</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Po&amp;moć</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>&amp;Prečice na tastaturi…</translation>
    </message>
    <message>
        <source>&amp;About Backprop Studio</source>
        <translation>&amp;O programu Backprop Studio</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>U redu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Otkaži</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Da</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Ne</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Sačuvaj</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Odbaci</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zatvori</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Primeni</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Vrati</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Pomoć</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Vrati podrazumevano</translation>
    </message>
</context>
</TS>
