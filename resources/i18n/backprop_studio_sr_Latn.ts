<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sr_Latn">
<context>
    <name>Actions</name>
    <message>
        <source>Run / &amp;Pause</source>
        <translation>Pokreni / &amp;Pauziraj</translation>
    </message>
    <message>
        <source>Train continuously, or pause</source>
        <translation>Treniraj neprekidno ili pauziraj</translation>
    </message>
    <message>
        <source>&amp;Step (one optimizer step)</source>
        <translation>&amp;Korak (jedan korak optimizatora)</translation>
    </message>
    <message>
        <source>Run exactly one optimizer step</source>
        <translation>Izvrši tačno jedan korak optimizatora</translation>
    </message>
    <message>
        <source>&amp;Trace the next step</source>
        <translation>&amp;Snimi sledeći korak</translation>
    </message>
    <message>
        <source>Record the next training step&apos;s forward and backward pass</source>
        <translation>Snimi prolaz unapred i prolaz unazad sledećeg koraka treniranja</translation>
    </message>
    <message>
        <source>Step &amp;into</source>
        <translation>Korak u&amp;nutra</translation>
    </message>
    <message>
        <source>The next autograd node (while training: pause and trace)</source>
        <translation>Sledeći autograd čvor (tokom treniranja: pauziraj i snimi korak)</translation>
    </message>
    <message>
        <source>Step &amp;over</source>
        <translation>Korak pr&amp;eko</translation>
    </message>
    <message>
        <source>Finish the current group, e.g. a whole TransformerBlock</source>
        <translation>Završi tekuću grupu, npr. ceo TransformerBlock</translation>
    </message>
    <message>
        <source>Step o&amp;ut</source>
        <translation>Korak &amp;van</translation>
    </message>
    <message>
        <source>Leave the current module</source>
        <translation>Napusti tekući modul</translation>
    </message>
    <message>
        <source>Step &amp;back</source>
        <translation>Korak na&amp;zad</translation>
    </message>
    <message>
        <source>Go back one backprop node</source>
        <translation>Vrati se za jedan čvor propagacije unazad</translation>
    </message>
    <message>
        <source>R&amp;eset</source>
        <translation>&amp;Resetuj</translation>
    </message>
    <message>
        <source>Rebuild the model from scratch</source>
        <translation>Izgradi model ispočetka</translation>
    </message>
    <message>
        <source>&amp;Find a node…</source>
        <translation>&amp;Pronađi čvor…</translation>
    </message>
    <message>
        <source>Search the graph by op or module name</source>
        <translation>Pretraži graf po imenu operacije ili modula</translation>
    </message>
    <message>
        <source>&amp;Config…</source>
        <translation>&amp;Konfiguracija…</translation>
    </message>
    <message>
        <source>Edit the GPT model and training config</source>
        <translation>Uredi konfiguraciju GPT modela i treniranja</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Izlaz</translation>
    </message>
    <message>
        <source>Close Backprop Studio</source>
        <translation>Zatvori Backprop Studio</translation>
    </message>
</context>
<context>
    <name>AttentionTextControls</name>
    <message>
        <source>Your own text, e.g. &apos;Every effort moves you&apos; (Enter)</source>
        <translation>Vaš tekst, npr. &apos;Every effort moves you&apos; (Enter)</translation>
    </message>
    <message>
        <source>Capture every head of the chosen layer on this text</source>
        <translation>Snimi sve glave pažnje izabranog sloja na ovom tekstu</translation>
    </message>
    <message>
        <source>On my text</source>
        <translation>Na mom tekstu</translation>
    </message>
    <message numerus="yes">
        <source>probe every %n steps</source>
        <translation>
            <numerusform>snimak na %n korak</numerusform>
            <numerusform>snimak na %n koraka</numerusform>
            <numerusform>snimak na %n koraka</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>While training, capture the chosen layer on a fixed text every %n steps; the slider then shows how the pattern formed</source>
        <translation>
            <numerusform>Tokom treniranja snimaj izabrani sloj na stalnom tekstu na svaki %n korak; klizač zatim pokazuje kako je obrazac nastajao</numerusform>
            <numerusform>Tokom treniranja snimaj izabrani sloj na stalnom tekstu na svaka %n koraka; klizač zatim pokazuje kako je obrazac nastajao</numerusform>
            <numerusform>Tokom treniranja snimaj izabrani sloj na stalnom tekstu na svakih %n koraka; klizač zatim pokazuje kako je obrazac nastajao</numerusform>
        </translation>
    </message>
    <message>
        <source>Scrub the probe captures recorded so far</source>
        <translation>Pregledaj dosad zabeležene snimke</translation>
    </message>
    <message>
        <source>step {step} ({index} of {count})</source>
        <translation>korak {step} ({index} od {count})</translation>
    </message>
</context>
<context>
    <name>AttentionView</name>
    <message>
        <source>Attention maps: pick a layer and head, then press Capture (GPT scenario only).</source>
        <translation>Mape pažnje: izaberite sloj i glavu, pa pritisnite Snimi (samo u GPT scenariju).</translation>
    </message>
    <message>
        <source>Attention maps exist only in the GPT pretraining scenario.</source>
        <translation>Mape pažnje postoje samo u scenariju predtreniranja GPT-a.</translation>
    </message>
    <message>
        <source>query token</source>
        <translation>token upita</translation>
    </message>
    <message>
        <source>key token (attended to)</source>
        <translation>token ključa (cilj pažnje)</translation>
    </message>
    <message>
        <source>layer </source>
        <translation>sloj </translation>
    </message>
    <message>
        <source>sample </source>
        <translation>uzorak </translation>
    </message>
    <message>
        <source>Which sequence of the training batch</source>
        <translation>Koja sekvenca iz serije za treniranje</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>Snimi</translation>
    </message>
    <message>
        <source>Capture this layer&apos;s attention on the next training batch</source>
        <translation>Snimi pažnju ovog sloja na sledećoj seriji za treniranje</translation>
    </message>
    <message>
        <source>auto-capture while training</source>
        <translation>snimaj tokom treniranja</translation>
    </message>
    <message>
        <source>Capture again about every {seconds:g} s while training runs</source>
        <translation>Snimaj ponovo otprilike na svakih {seconds:g} s dok treniranje traje</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>Svi slojevi</translation>
    </message>
    <message>
        <source>Capture every head of every layer: fills the layers × heads overview</source>
        <translation>Snimi sve glave svih slojeva: popunjava pregled slojevi × glave</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>težina pažnje</translation>
    </message>
    <message>
        <source>head {head}</source>
        <translation>glava {head}</translation>
    </message>
    <message>
        <source>mean of all heads</source>
        <translation>prosek svih glava</translation>
    </message>
    <message>
        <source>layer {layer}</source>
        <translation>sloj {layer}</translation>
    </message>
    <message>
        <source>sample {sample}</source>
        <translation>uzorak {sample}</translation>
    </message>
    <message numerus="yes">
        <source>%n tokens</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokena</numerusform>
            <numerusform>%n tokena</numerusform>
        </translation>
    </message>
    <message>
        <source>pooled {f}×{f}: each cell averages {f}×{f} positions</source>
        <translation>sažeto {f}×{f}: svaka ćelija je prosek {f}×{f} pozicija</translation>
    </message>
    <message>
        <source>your text</source>
        <translation>vaš tekst</translation>
    </message>
    <message>
        <source>probe at step {step}</source>
        <translation>snimak na koraku {step}</translation>
    </message>
    <message numerus="yes">
        <source>mean of %n heads</source>
        <translation>
            <numerusform>prosek %n glave</numerusform>
            <numerusform>prosek %n glave</numerusform>
            <numerusform>prosek %n glava</numerusform>
        </translation>
    </message>
    <message>
        <source>query {row} &apos;{q}&apos; → key {col} &apos;{k}&apos;</source>
        <translation>upit {row} &apos;{q}&apos; → ključ {col} &apos;{k}&apos;</translation>
    </message>
    <message>
        <source>queries {q0}–{q1} → keys {k0}–{k1}</source>
        <translation>upiti {q0}–{q1} → ključevi {k0}–{k1}</translation>
    </message>
    <message>
        <source>(masked: a token never sees later ones)</source>
        <translation>(maskirano: token nikad ne vidi kasnije tokene)</translation>
    </message>
</context>
<context>
    <name>BackpropPanel</name>
    <message>
        <source>no trace — F11 traces the next step</source>
        <translation>nema snimka — F11 snima sledeći korak</translation>
    </message>
    <message>
        <source>⟳ Trace</source>
        <translation>⟳ Snimi korak</translation>
    </message>
    <message>
        <source>Record the next training step (pauses training)</source>
        <translation>Snimi sledeći korak treniranja (pauzira treniranje)</translation>
    </message>
    <message>
        <source>⤒ Step out</source>
        <translation>⤒ Izađi</translation>
    </message>
    <message>
        <source>Leave the current module</source>
        <translation>Napusti trenutni modul</translation>
    </message>
    <message>
        <source>↷ Step over</source>
        <translation>↷ Preskoči</translation>
    </message>
    <message>
        <source>Finish the current collapsed group or module</source>
        <translation>Završi trenutnu skupljenu grupu ili modul</translation>
    </message>
    <message>
        <source>↓ Step into</source>
        <translation>↓ Uđi</translation>
    </message>
    <message>
        <source>The next autograd node</source>
        <translation>Sledeći autograd čvor</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Nazad</translation>
    </message>
    <message>
        <source>Return to the previous node</source>
        <translation>Vrati se na prethodni čvor</translation>
    </message>
    <message>
        <source>▶ Forward op</source>
        <translation>▶ Operacija unapred</translation>
    </message>
    <message>
        <source>Run the next forward op (before backprop)</source>
        <translation>Izvrši sledeću operaciju prolaza unapred (pre propagacije unazad)</translation>
    </message>
    <message>
        <source>» Run to end</source>
        <translation>» Do kraja</translation>
    </message>
    <message>
        <source>Run backprop to the end and show the optimizer update</source>
        <translation>Izvrši propagaciju unazad do kraja i prikaži ažuriranje optimizatora</translation>
    </message>
    <message>
        <source>Scrub through the traced step: forward ops, backward nodes, the update</source>
        <translation>Prelistaj snimljeni korak: operacije unapred, čvorove unazad, ažuriranje</translation>
    </message>
    <message>
        <source>tracing step {step}…</source>
        <translation>snimam korak {step}…</translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <source>The window closes once the checkpoint is saved.</source>
        <translation>Prozor će se zatvoriti kada kontrolna tačka bude sačuvana.</translation>
    </message>
    <message>
        <source>Saving the checkpoint; the window closes when it is whole.</source>
        <translation>Čuvam kontrolnu tačku; prozor se zatvara kada bude cela.</translation>
    </message>
    <message>
        <source>Not closed: the checkpoint was not saved.</source>
        <translation>Nije zatvoreno: kontrolna tačka nije sačuvana.</translation>
    </message>
</context>
<context>
    <name>ConfigDialog</name>
    <message>
        <source>Config — model and training</source>
        <translation>Konfiguracija — model i treniranje</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Treniranje</translation>
    </message>
    <message>
        <source>Model config</source>
        <translation>Konfiguracija modela</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Veličina</translation>
    </message>
    <message>
        <source>Fill the model fields with a named config</source>
        <translation>Popuni polja modela unapred zadatom veličinom</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Učitaj…</translation>
    </message>
    <message>
        <source>Read a config JSON file ({&quot;model&quot;: …, &quot;train&quot;: …} or the seven model keys)</source>
        <translation>Učitaj JSON datoteku konfiguracije ({&quot;model&quot;: …, &quot;train&quot;: …} ili sedam ključeva modela)</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Sačuvaj…</translation>
    </message>
    <message>
        <source>Write both configs as one JSON file</source>
        <translation>Upiši obe konfiguracije u jednu JSON datoteku</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Pregledaj…</translation>
    </message>
    <message>
        <source>Choose a UTF-8 .txt file to train on</source>
        <translation>Izaberi UTF-8 .txt datoteku za treniranje</translation>
    </message>
    <message>
        <source>text_source &apos;{source}&apos; is not a file; choose a .txt file or type &apos;default&apos; for the embedded text.</source>
        <translation>text_source &apos;{source}&apos; nije datoteka; izaberite .txt datoteku ili upišite &apos;default&apos; za ugrađeni tekst.</translation>
    </message>
    <message>
        <source>→ head size {size}</source>
        <translation>→ veličina glave {size}</translation>
    </message>
    <message>
        <source>→ head size {emb}/{n} ≈ {size:.2f}, not whole</source>
        <translation>→ veličina glave {emb}/{n} ≈ {size:.2f}, nije ceo broj</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>prilagođeno</translation>
    </message>
    <message>
        <source>Model numbers appear once the model fields are valid.</source>
        <translation>Brojevi modela se prikazuju kada su polja modela ispravna.</translation>
    </message>
    <message>
        <source>Over {layers} layers: too many to count live.</source>
        <translation>Više od {layers} slojeva: previše za brojanje uživo.</translation>
    </message>
    <message>
        <source>These sizes are too large to count.</source>
        <translation>Ove veličine su prevelike za brojanje.</translation>
    </message>
    <message>
        <source>Model numbers unavailable for these sizes: {reason}</source>
        <translation>Brojevi modela nisu dostupni za ove veličine: {reason}</translation>
    </message>
    <message>
        <source>Text to train on</source>
        <translation>Tekst za treniranje</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Tekstualne datoteke (*.txt);;Sve datoteke (*)</translation>
    </message>
    <message>
        <source>Load config</source>
        <translation>Učitaj konfiguraciju</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Sve datoteke (*)</translation>
    </message>
    <message>
        <source>Could not load {name}, kept your settings: {problem}</source>
        <translation>{name} nije moguće učitati, podešavanja su zadržana: {problem}</translation>
    </message>
    <message>
        <source>Save config</source>
        <translation>Sačuvaj konfiguraciju</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}.</source>
        <translation>{path} nije moguće sačuvati: {reason}.</translation>
    </message>
</context>
<context>
    <name>ConfigFields</name>
    <message>
        <source>tokens the BPE tokenizer knows</source>
        <translation>tokeni koje BPE tokenizator poznaje</translation>
    </message>
    <message>
        <source>longest input the model sees at once</source>
        <translation>najduži ulaz koji model vidi odjednom</translation>
    </message>
    <message>
        <source>size of the vector per token</source>
        <translation>veličina vektora ugradnje po tokenu</translation>
    </message>
    <message>
        <source>attention heads per layer</source>
        <translation>glave pažnje po sloju</translation>
    </message>
    <message>
        <source>transformer blocks</source>
        <translation>blokovi transformera</translation>
    </message>
    <message>
        <source>share of activations zeroed while training</source>
        <translation>udeo aktivacija postavljenih na nulu tokom treniranja</translation>
    </message>
    <message>
        <source>bias in the query/key/value projections</source>
        <translation>pristrasnost u projekcijama upita/ključa/vrednosti</translation>
    </message>
    <message>
        <source>text windows per optimizer step</source>
        <translation>prozori teksta po koraku optimizatora</translation>
    </message>
    <message>
        <source>AdamW step size</source>
        <translation>veličina koraka AdamW-a</translation>
    </message>
    <message>
        <source>AdamW&apos;s pull of the weights toward zero</source>
        <translation>AdamW-ovo privlačenje težina ka nuli</translation>
    </message>
    <message>
        <source>tokens per training window (at most context_length)</source>
        <translation>tokeni po prozoru treniranja (najviše context_length)</translation>
    </message>
    <message>
        <source>tokens between the starts of two windows</source>
        <translation>tokeni između početaka dva prozora</translation>
    </message>
    <message>
        <source>optimizer steps between train/val loss checks</source>
        <translation>koraci optimizatora između provera gubitka (train/val)</translation>
    </message>
    <message>
        <source>batches averaged per loss check</source>
        <translation>serije usrednjene po proveri gubitka</translation>
    </message>
    <message>
        <source>largest gradient norm; 0 turns clipping off</source>
        <translation>najveća norma gradijenta; 0 isključuje odsecanje</translation>
    </message>
    <message>
        <source>random seed for weights, batches and dropout</source>
        <translation>seme slučajnosti za težine, serije i izostavljanje</translation>
    </message>
    <message>
        <source>share of the text to train on; the rest validates</source>
        <translation>udeo teksta za treniranje; ostatak služi za validaciju</translation>
    </message>
    <message>
        <source>&apos;default&apos; (embedded text) or a UTF-8 .txt file</source>
        <translation>&apos;default&apos; (ugrađeni tekst) ili UTF-8 .txt datoteka</translation>
    </message>
    <message>
        <source>embeddings {size}</source>
        <translation>ugradnje {size}</translation>
    </message>
    <message>
        <source>attention {size}</source>
        <translation>pažnja {size}</translation>
    </message>
    <message>
        <source>feed-forward {size}</source>
        <translation>mreža unapred {size}</translation>
    </message>
    <message>
        <source>norms {size}</source>
        <translation>normalizacije {size}</translation>
    </message>
    <message>
        <source>head {size}</source>
        <translation>izlazna glava {size}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Parameters {parameters:,}&lt;/b&gt; ({without:,} without output head)</source>
        <translation>&lt;b&gt;Parametri {parameters:,}&lt;/b&gt; ({without:,} bez izlazne glave)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training memory&lt;/b&gt; (fp32, AdamW, batch {batch} × {context}) ≈ {total} = {states} weights+grads+AdamW + {activations} activations</source>
        <translation>&lt;b&gt;Memorija za treniranje&lt;/b&gt; (fp32, AdamW, serija {batch} × {context}) ≈ {total} = {states} težine+gradijenti+AdamW + {activations} aktivacije</translation>
    </message>
    <message>
        <source>&lt;b&gt;FLOPs per token&lt;/b&gt; ≈ {flops}FLOP (forward + backward)</source>
        <translation>&lt;b&gt;FLOP-ova po tokenu&lt;/b&gt; ≈ {flops}FLOP (unapred + unazad)</translation>
    </message>
</context>
<context>
    <name>CrashReport</name>
    <message>
        <source>Something went wrong in the app ({error}). Your model and run are kept.</source>
        <translation>Nešto je pošlo naopako u aplikaciji ({error}). Model i zapis treniranja ostaju sačuvani.</translation>
    </message>
    <message>
        <source>Something went wrong in the app ({error}). Your model and run are kept. Details: {path}</source>
        <translation>Nešto je pošlo naopako u aplikaciji ({error}). Model i zapis treniranja ostaju sačuvani. Detalji: {path}</translation>
    </message>
</context>
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
        <translation>Zapis treniranja</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Hide this message</source>
        <translation>Sakrij ovu poruku</translation>
    </message>
</context>
<context>
    <name>ExamplePanel</name>
    <message>
        <source>the input</source>
        <translation>ulaz</translation>
    </message>
    <message>
        <source>the weight (a parameter)</source>
        <translation>težina (parametar)</translation>
    </message>
    <message>
        <source>the bias (a parameter)</source>
        <translation>pristrasnost (parametar)</translation>
    </message>
    <message>
        <source>the target: a probability between 0 and 1</source>
        <translation>cilj: verovatnoća između 0 i 1</translation>
    </message>
    <message>
        <source>x, y, w and b belong to Autograd basics. The numeric check works here too: it compares autograd with finite differences for every parameter.</source>
        <translation>x, y, w i b pripadaju scenariju Osnove autograd-a. Numerička provera radi i ovde: poredi autograd sa konačnim razlikama za svaki parametar.</translation>
    </message>
    <message>
        <source>{name}: {tip}. Enter (or leaving the box) re-traces the step.</source>
        <translation>{name}: {tip}. Enter (ili izlazak iz polja) ponovo snima korak.</translation>
    </message>
    <message>
        <source>Check with finite differences</source>
        <translation>Proveri konačnim razlikama</translation>
    </message>
    <message>
        <source>For each parameter: autograd&apos;s gradient, the numeric one (L(p+ε) − L(p−ε)) / 2ε, and their difference</source>
        <translation>Za svaki parametar: gradijent iz autograd-a, numerički (L(p+ε) − L(p−ε)) / 2ε i njihova razlika</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>parametar</translation>
    </message>
    <message>
        <source>autograd</source>
        <translation>po autograd-u</translation>
    </message>
    <message>
        <source>numeric</source>
        <translation>numerički</translation>
    </message>
    <message>
        <source>difference</source>
        <translation>razlika</translation>
    </message>
    <message>
        <source>Too slow for a GPT: try Autograd basics or the small net</source>
        <translation>Presporo za GPT: probajte Osnove autograd-a ili malu mrežu</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>Export the graph</source>
        <translation>Izvezi graf</translation>
    </message>
    <message>
        <source>Saved the graph to {path}.</source>
        <translation>Graf je sačuvan u {path}.</translation>
    </message>
    <message>
        <source>Could not save the graph to {path}: {reason}.</source>
        <translation>Graf nije moguće sačuvati u {path}: {reason}.</translation>
    </message>
    <message>
        <source>Export the loss plot</source>
        <translation>Izvezi grafikon gubitka</translation>
    </message>
    <message>
        <source>Saved the loss plot to {path}.</source>
        <translation>Grafikon gubitka je sačuvan u {path}.</translation>
    </message>
    <message>
        <source>Could not save the loss plot to {path}: {reason}.</source>
        <translation>Grafikon gubitka nije moguće sačuvati u {path}: {reason}.</translation>
    </message>
    <message>
        <source>Export the loss data</source>
        <translation>Izvezi podatke o gubitku</translation>
    </message>
    <message>
        <source>Saved the loss data to {path}.</source>
        <translation>Podaci o gubitku su sačuvani u {path}.</translation>
    </message>
    <message>
        <source>Could not save the loss data to {path}: {reason}.</source>
        <translation>Podatke o gubitku nije moguće sačuvati u {path}: {reason}.</translation>
    </message>
    <message>
        <source>Export the gradients view</source>
        <translation>Izvezi prikaz gradijenata</translation>
    </message>
    <message>
        <source>Saved the gradients view to {path}.</source>
        <translation>Prikaz gradijenata je sačuvan u {path}.</translation>
    </message>
    <message>
        <source>Could not save the gradients view to {path}: {reason}.</source>
        <translation>Prikaz gradijenata nije moguće sačuvati u {path}: {reason}.</translation>
    </message>
    <message>
        <source>Export the attention map</source>
        <translation>Izvezi mapu pažnje</translation>
    </message>
    <message>
        <source>Saved the attention map to {path}.</source>
        <translation>Mapa pažnje je sačuvana u {path}.</translation>
    </message>
    <message>
        <source>Could not save the attention map to {path}: {reason}.</source>
        <translation>Mapu pažnje nije moguće sačuvati u {path}: {reason}.</translation>
    </message>
    <message>
        <source>Graph as &amp;SVG…</source>
        <translation>Graf kao &amp;SVG…</translation>
    </message>
    <message>
        <source>Graph as &amp;PNG…</source>
        <translation>Graf kao &amp;PNG…</translation>
    </message>
    <message>
        <source>&amp;Loss plot as PNG…</source>
        <translation>Grafikon gu&amp;bitka kao PNG…</translation>
    </message>
    <message>
        <source>Loss &amp;data as CSV…</source>
        <translation>Po&amp;daci o gubitku kao CSV…</translation>
    </message>
    <message>
        <source>&amp;Gradients as PNG…</source>
        <translation>&amp;Gradijenti kao PNG…</translation>
    </message>
    <message>
        <source>&amp;Attention map as PNG…</source>
        <translation>&amp;Mapa pažnje kao PNG…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>Iz&amp;voz</translation>
    </message>
    <message>
        <source>Backprop Studio graph</source>
        <translation>Graf iz programa Backprop Studio</translation>
    </message>
    <message>
        <source>Qt could not encode the PNG.</source>
        <translation>Qt nije uspeo da kodira PNG.</translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message>
        <source>&amp;Save checkpoint…</source>
        <translation>&amp;Sačuvaj kontrolnu tačku…</translation>
    </message>
    <message>
        <source>&amp;Open run…</source>
        <translation>&amp;Otvori zapis…</translation>
    </message>
    <message>
        <source>&amp;Follow run…</source>
        <translation>&amp;Prati zapis…</translation>
    </message>
    <message>
        <source>Import &amp;TensorBoard scalars…</source>
        <translation>Uvezi &amp;TensorBoard skalare…</translation>
    </message>
    <message>
        <source>Open text &amp;corpus…</source>
        <translation>Otvori tekstualni ko&amp;rpus…</translation>
    </message>
    <message>
        <source>&amp;Load checkpoint…</source>
        <translation>&amp;Učitaj kontrolnu tačku…</translation>
    </message>
    <message>
        <source>Import &amp;Hugging Face GPT-2 folder…</source>
        <translation>Uvezi &amp;Hugging Face GPT-2 fasciklu…</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>Tekst (*.txt)</translation>
    </message>
    <message>
        <source>&amp;Recent</source>
        <translation>&amp;Nedavno</translation>
    </message>
</context>
<context>
    <name>FileProgressPresenter</name>
    <message>
        <source>Cancel</source>
        <translation>Otkaži</translation>
    </message>
    <message>
        <source>{what}: {done:,.1f} of {total:,.1f} MB</source>
        <translation>{what}: {done:,.1f} od {total:,.1f} MB</translation>
    </message>
    <message>
        <source>Cancelling: {what}…</source>
        <translation>Otkazujem: {what}…</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Link Axis:</source>
        <translation>Poveži osu:</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatski</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Ručno</translation>
    </message>
    <message>
        <source>Invert Axis</source>
        <translation>Obrni osu</translation>
    </message>
    <message>
        <source>Mouse Enabled</source>
        <translation>Miš uključen</translation>
    </message>
    <message>
        <source>Visible Data Only</source>
        <translation>Samo vidljivi podaci</translation>
    </message>
    <message>
        <source>Auto Pan Only</source>
        <translation>Samo automatsko pomeranje</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Izvoz</translation>
    </message>
    <message>
        <source>Item to export:</source>
        <translation>Šta izvesti:</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>Format izvoza</translation>
    </message>
    <message>
        <source>Export options</source>
        <translation>Opcije izvoza</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zatvori</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiraj</translation>
    </message>
</context>
<context>
    <name>GenerationView</name>
    <message>
        <source>Generate</source>
        <translation>Generiši</translation>
    </message>
    <message>
        <source>How many tokens to generate</source>
        <translation>Koliko tokena generisati</translation>
    </message>
    <message>
        <source>0: always the most likely token (greedy); below 1 sharper, above 1 flatter</source>
        <translation>0: uvek najverovatniji token (pohlepno); ispod 1 oštrije, iznad 1 ravnomernije</translation>
    </message>
    <message>
        <source>Draw among the k most likely tokens (0: all)</source>
        <translation>Biraj među k najverovatnijih tokena (0: svi)</translation>
    </message>
    <message>
        <source>Draw among the most likely tokens whose probabilities add up to p (1: all)</source>
        <translation>Biraj među najverovatnijim tokenima čije verovatnoće u zbiru daju p (1: svi)</translation>
    </message>
    <message>
        <source>The same seed draws the same tokens</source>
        <translation>Isto seme izvlači iste tokene</translation>
    </message>
    <message>
        <source>While training, generate again every N steps (0: off)</source>
        <translation>Tokom treniranja generiši ponovo na svakih N koraka (0: isključeno)</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>verovatnoća</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Polazni tekst</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>tokeni</translation>
    </message>
    <message>
        <source>temp.</source>
        <translation>temp.</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>seme</translation>
    </message>
    <message>
        <source>every N</source>
        <translation>svakih N</translation>
    </message>
    <message>
        <source>Generating between two training steps…</source>
        <translation>Generisanje između dva koraka treniranja…</translation>
    </message>
    <message>
        <source>Press Generate to continue the prompt with the model as it is now (GPT pretraining scenario).</source>
        <translation>Pritisnite Generiši da model u sadašnjem stanju nastavi polazni tekst (scenario predtreniranja GPT-a).</translation>
    </message>
    <message numerus="yes">
        <source>Model at step {step:,} · %n tokens · {how}. Click a generated token for its candidates.</source>
        <translation>
            <numerusform>Model na koraku {step:,} · %n token · {how}. Kliknite generisani token da vidite kandidate.</numerusform>
            <numerusform>Model na koraku {step:,} · %n tokena · {how}. Kliknite generisani token da vidite kandidate.</numerusform>
            <numerusform>Model na koraku {step:,} · %n tokena · {how}. Kliknite generisani token da vidite kandidate.</numerusform>
        </translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>pohlepno</translation>
    </message>
    <message>
        <source>temperature {t:g}</source>
        <translation>temperatura {t:g}</translation>
    </message>
    <message>
        <source>seed {seed}</source>
        <translation>seme {seed}</translation>
    </message>
    <message>
        <source>(empty prompt: starts at &lt;|endoftext|&gt;)</source>
        <translation>(prazan polazni tekst: počinje od &lt;|endoftext|&gt;)</translation>
    </message>
    <message>
        <source>Top-10 next tokens: click a generated token.</source>
        <translation>10 najverovatnijih sledećih tokena: kliknite generisani token.</translation>
    </message>
    <message>
        <source>, not among the 10 most likely</source>
        <translation>, nije među 10 najverovatnijih</translation>
    </message>
    <message>
        <source>Position {position}: drew &apos;{token}&apos;{outside} (model {model}, draw {draw}). Filled: the model&apos;s softmax; dashed: after temperature/top-k/top-p; all other tokens: {rest}.</source>
        <translation>Pozicija {position}: izvučen &apos;{token}&apos;{outside} (model {model}, izvlačenje {draw}). Puno: softmaks modela; isprekidano: posle temperature/top-k/top-p; svi ostali tokeni: {rest}.</translation>
    </message>
</context>
<context>
    <name>GradientHealthView</name>
    <message>
        <source>No gradient statistics yet: they arrive every few training steps (press F5).</source>
        <translation>Još nema statistike gradijenata: stiže na svakih nekoliko koraka treniranja (pritisnite F5).</translation>
    </message>
    <message>
        <source>All gradient norms are in the healthy range (1e-7 to 1e4).</source>
        <translation>Sve norme gradijenata su u zdravom opsegu (1e-7 do 1e4).</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>norma gradijenta</translation>
    </message>
    <message>
        <source>update / weight</source>
        <translation>ažuriranje / težina</translation>
    </message>
    <message>
        <source>Whose gradient histogram to follow over time</source>
        <translation>Čiji histogram gradijenta pratiti kroz vreme</translation>
    </message>
    <message>
        <source>log10 per parameter: components × layers</source>
        <translation>log10 po parametru: komponente × slojevi</translation>
    </message>
    <message>
        <source>gradient histogram over time</source>
        <translation>histogram gradijenta kroz vreme</translation>
    </message>
    <message>
        <source>colour:</source>
        <translation>boja:</translation>
    </message>
    <message>
        <source>follow:</source>
        <translation>prati:</translation>
    </message>
    <message>
        <source>layer (min {low:.1f}, max {high:.1f})</source>
        <translation>sloj (min {low:.1f}, maks {high:.1f})</translation>
    </message>
    <message>
        <source>outside the blocks (log10):</source>
        <translation>izvan blokova (log10):</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… i još %n.</numerusform>
            <numerusform>… i još %n.</numerusform>
            <numerusform>… i još %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>recorded steps {first}–{last}</source>
        <translation>zabeleženi koraci {first}–{last}</translation>
    </message>
</context>
<context>
    <name>GradientsView</name>
    <message>
        <source>Gradient statistics appear after the first optimizer step (F5 or Ctrl+Return).</source>
        <translation>Statistika gradijenata pojavljuje se posle prvog koraka optimizatora (F5 ili Ctrl+Return).</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>parametar</translation>
    </message>
    <message>
        <source>grad norm</source>
        <translation>norma grad.</translation>
    </message>
    <message>
        <source>weight norm</source>
        <translation>norma težine</translation>
    </message>
    <message>
        <source>update/weight</source>
        <translation>ažuriranje/težina</translation>
    </message>
    <message>
        <source>This weight was all zeros before the step (a fresh bias or shift), so update/weight is undefined.</source>
        <translation>Ova težina je pre koraka bila sva od nula (nova pristrasnost ili pomak), pa ažuriranje/težina nije definisano.</translation>
    </message>
    <message>
        <source>||update|| / ||weight|| for this step; around 1e-3 is the usual healthy range</source>
        <translation>||ažuriranje|| / ||težina|| za ovaj korak; oko 1e-3 je uobičajen zdrav opseg</translation>
    </message>
    <message>
        <source>gradient norm (log scale)</source>
        <translation>norma gradijenta (log. skala)</translation>
    </message>
    <message>
        <source>update / weight (log; dashed: 1e-3)</source>
        <translation>ažuriranje / težina (log; isprekidano: 1e-3)</translation>
    </message>
    <message>
        <source>1e-3: the usual healthy update-to-weight ratio per step</source>
        <translation>1e-3: uobičajen zdrav odnos ažuriranja i težine po koraku</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>n/p</translation>
    </message>
    <message>
        <source>#{index} gradient (sample)</source>
        <translation>#{index} gradijent (uzorak)</translation>
    </message>
    <message>
        <source>#{index} weights (sample)</source>
        <translation>#{index} težine (uzorak)</translation>
    </message>
    <message>
        <source>#{index} gradient</source>
        <translation>#{index} gradijent</translation>
    </message>
    <message>
        <source>#{index} weights</source>
        <translation>#{index} težine</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>korak {step}</translation>
    </message>
    <message numerus="yes">
        <source>%n parameters</source>
        <translation>
            <numerusform>%n parametar</numerusform>
            <numerusform>%n parametra</numerusform>
            <numerusform>%n parametara</numerusform>
        </translation>
    </message>
    <message>
        <source>update/weight from {low} (#{lo}) to {high} (#{hi})</source>
        <translation>ažuriranje/težina od {low} (#{lo}) do {high} (#{hi})</translation>
    </message>
    <message>
        <source>#{index} {name}
grad norm {grad}
update/weight {ratio}</source>
        <translation>#{index} {name}
norma grad. {grad}
ažuriranje/težina {ratio}</translation>
    </message>
    <message>
        <source>n/a (weight was 0)</source>
        <translation>n/p (težina je bila 0)</translation>
    </message>
</context>
<context>
    <name>GraphPanel</name>
    <message>
        <source>Building the model…</source>
        <translation>Izgradnja modela…</translation>
    </message>
    <message>
        <source>Raw autograd graph</source>
        <translation>Sirovi autograd graf</translation>
    </message>
    <message>
        <source>Show PyTorch&apos;s own backward graph (AddmmBackward0, AccumulateGrad, …)</source>
        <translation>Prikaži PyTorch-ov graf prolaza unazad (AddmmBackward0, AccumulateGrad, …)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Uklopi</translation>
    </message>
    <message>
        <source>Fit the whole graph in view (F)</source>
        <translation>Uklopi ceo graf u prikaz (F)</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Proširi sve</translation>
    </message>
    <message>
        <source>Expand every module (double-click a group to expand only it)</source>
        <translation>Proširi svaki modul (dvoklik na grupu proširuje samo nju)</translation>
    </message>
    <message>
        <source>Collapse</source>
        <translation>Skupi</translation>
    </message>
    <message>
        <source>Back to the default view (repeated blocks collapsed)</source>
        <translation>Nazad na podrazumevani prikaz (ponovljeni blokovi skupljeni)</translation>
    </message>
    <message>
        <source>Find node by op, module or name (Ctrl+F)</source>
        <translation>Nađi čvor po operaciji, modulu ili imenu (Ctrl+F)</translation>
    </message>
    <message>
        <source>Find a node (Ctrl+F); Enter cycles the matches, Escape clears</source>
        <translation>Nađi čvor (Ctrl+F); Enter prelazi kroz poklapanja, Escape briše</translation>
    </message>
    <message>
        <source>{index:,} / {count:,} (double-click to expand)</source>
        <translation>{index:,} / {count:,} (dvoklik za proširenje)</translation>
    </message>
    <message numerus="yes">
        <source>%n match</source>
        <translation>
            <numerusform>%n poklapanje</numerusform>
            <numerusform>%n poklapanje</numerusform>
            <numerusform>%n poklapanje</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matches</source>
        <translation>
            <numerusform>%n poklapanje</numerusform>
            <numerusform>%n poklapanja</numerusform>
            <numerusform>%n poklapanja</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n node</source>
        <translation>
            <numerusform>%n čvor</numerusform>
            <numerusform>%n čvor</numerusform>
            <numerusform>%n čvor</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n nodes</source>
        <translation>
            <numerusform>%n čvor</numerusform>
            <numerusform>%n čvora</numerusform>
            <numerusform>%n čvorova</numerusform>
        </translation>
    </message>
    <message>
        <source>laying out…</source>
        <translation>raspoređivanje…</translation>
    </message>
    <message>
        <source>layout failed</source>
        <translation>raspoređivanje nije uspelo</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>Press F5 to train, or F11 to step into backprop.</source>
        <translation>Pritisnite F5 za treniranje ili F11 za ulazak u propagaciju unazad.</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>Izvezi...</translation>
    </message>
</context>
<context>
    <name>HeadsGrid</name>
    <message>
        <source>head {head}</source>
        <translation>glava {head}</translation>
    </message>
</context>
<context>
    <name>HeadsOverview</name>
    <message>
        <source>spread (bits): layers × heads</source>
        <translation>rasutost (biti): slojevi × glave</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>sloj</translation>
    </message>
    <message>
        <source>head</source>
        <translation>glava</translation>
    </message>
    <message>
        <source>h{head}: {bits:.2f} bits</source>
        <translation>g{head}: {bits:.2f} bita</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Follow the backprop cursor</source>
        <translation>Prati kursor propagacije unazad</translation>
    </message>
    <message>
        <source>On: show the node under the cursor. A click on a node turns it off.</source>
        <translation>Uključeno: prikazuje čvor pod kursorom. Klik na čvor ga isključuje.</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>parametar</translation>
    </message>
    <message>
        <source>old</source>
        <translation>pre</translation>
    </message>
    <message>
        <source>new</source>
        <translation>posle</translation>
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
    <name>LossControls</name>
    <message>
        <source>optimizer step</source>
        <translation>korak optimizatora</translation>
    </message>
    <message>
        <source>tokens seen</source>
        <translation>viđeni tokeni</translation>
    </message>
    <message>
        <source>Debiased exponential moving average (0 = raw); the raw curve stays faint behind the smoothed one</source>
        <translation>Eksponencijalni pokretni prosek s korekcijom pristrasnosti (0 = sirovo); sirova kriva ostaje bleda iza izglađene</translation>
    </message>
    <message>
        <source>log</source>
        <translation>log y</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation>Logaritamska osa gubitka</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>perpleksnost</translation>
    </message>
    <message>
        <source>Show exp(loss): how many equally likely next tokens the model is as unsure as</source>
        <translation>Prikaži exp(gubitak): model je nesiguran kao da bira između toliko podjednako verovatnih sledećih tokena</translation>
    </message>
    <message>
        <source>lr &amp;&amp; grad norm</source>
        <translation>lr &amp;&amp; ‖g‖</translation>
    </message>
    <message>
        <source>A linked plot of the learning rate and the gradient norm</source>
        <translation>Povezani grafik stope učenja i norme gradijenta</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>izglađivanje</translation>
    </message>
</context>
<context>
    <name>LossPlots</name>
    <message>
        <source>perplexity</source>
        <translation>perpleksnost</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>gubitak</translation>
    </message>
    <message>
        <source>step {step:,} · tokens {tokens:,} · {what} {loss} · smoothed {smoothed}</source>
        <translation>korak {step:,} · tokeni {tokens:,} · {what} {loss} · izglađeno {smoothed}</translation>
    </message>
</context>
<context>
    <name>LossView</name>
    <message>
        <source>No training yet.
Press F5 to train, or Ctrl+Return for one optimizer step.</source>
        <translation>Još nema treniranja.
Pritisnite F5 za treniranje ili Ctrl+Return za jedan korak optimizatora.</translation>
    </message>
    <message>
        <source>step {step:,}</source>
        <translation>korak {step:,}</translation>
    </message>
    <message>
        <source>step loss {loss:.4f}</source>
        <translation>gubitak koraka {loss:.4f}</translation>
    </message>
    <message>
        <source>train {loss:.4f}</source>
        <translation>trening {loss:.4f}</translation>
    </message>
    <message>
        <source>val {loss:.4f}</source>
        <translation>valid. {loss:.4f}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Press F5 to train, or F11 to step into backprop.</source>
        <translation>Pritisnite F5 za treniranje ili F11 za korak kroz propagaciju unazad.</translation>
    </message>
    <message>
        <source>Step backprop</source>
        <translation>Sledeći čvor</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Korak</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ Pauza</translation>
    </message>
    <message>
        <source>▶ Run</source>
        <translation>▶ Pokreni</translation>
    </message>
    <message>
        <source>building</source>
        <translation>gradi se</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>miruje</translation>
    </message>
    <message>
        <source>running</source>
        <translation>trenira</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pauzirano</translation>
    </message>
    <message>
        <source>tracing</source>
        <translation>snima korak</translation>
    </message>
    <message>
        <source>error</source>
        <translation>greška</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Prečice na tastaturi</translation>
    </message>
    <message>
        <source>About Backprop Studio</source>
        <translation>O programu Backprop Studio</translation>
    </message>
    <message>
        <source>&lt;b&gt;Backprop Studio&lt;/b&gt;&lt;p&gt;Watch a GPT-style language model learn from the inside: the computation graph with shapes, backprop node by node, live loss and gradients. Every number is computed from real tensors.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Backprop Studio&lt;/b&gt;&lt;p&gt;Posmatrajte iznutra kako jezički model nalik GPT-u uči: računski graf sa oblicima, propagacija unazad čvor po čvor, gubitak i gradijenti uživo. Svaki broj je izračunat iz pravih tenzora.&lt;/p&gt;</translation>
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
        <translation>&amp;Treniranje</translation>
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
    <name>Minimap</name>
    <message>
        <source>Overview: click or drag to move the graph view</source>
        <translation>Pregled: kliknite ili prevucite da pomerite prikaz grafa</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>grad</source>
        <translation>gradijent</translation>
    </message>
</context>
<context>
    <name>PlotItem</name>
    <message>
        <source>Plot Options</source>
        <translation>Opcije grafika</translation>
    </message>
    <message>
        <source>Transforms</source>
        <translation>Transformacije</translation>
    </message>
    <message>
        <source>Downsample</source>
        <translation>Proređivanje</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Prosek</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Providnost</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Mreža</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Tačke</translation>
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
<context>
    <name>RebuildBox</name>
    <message>
        <source>Build a new model?</source>
        <translation>Izgraditi novi model?</translation>
    </message>
    <message numerus="yes">
        <source>The current model has trained %Ln steps.</source>
        <translation>
            <numerusform>Trenutni model je prošao %Ln korak treniranja.</numerusform>
            <numerusform>Trenutni model je prošao %Ln koraka treniranja.</numerusform>
            <numerusform>Trenutni model je prošao %Ln koraka treniranja.</numerusform>
        </translation>
    </message>
    <message>
        <source>Switching to {proposed} builds a new model. The current run is kept in the session for comparison, or you can keep training {current}.</source>
        <translation>Prelazak na „{proposed}“ gradi novi model. Trenutni zapis treniranja ostaje u sesiji radi poređenja, a možete i da nastavite da trenirate „{current}“.</translation>
    </message>
    <message>
        <source>Rebuild, keep the old run</source>
        <translation>Izgradi ponovo, zadrži stari zapis</translation>
    </message>
    <message>
        <source>Train on with the current model</source>
        <translation>Nastavi sa trenutnim modelom</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>No run open. File → Open run… shows a recorded run; File → Follow run… one being written.</source>
        <translation>Nijedan zapis treniranja nije otvoren. Datoteka → Otvori zapis… prikazuje snimljeni zapis; Datoteka → Prati zapis… onaj koji se upravo piše.</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>rang</translation>
    </message>
    <message>
        <source>step</source>
        <translation>korak</translation>
    </message>
    <message>
        <source>local loss</source>
        <translation>lokalni gubitak</translation>
    </message>
    <message>
        <source>grad norm (before all-reduce)</source>
        <translation>norma grad. (pre all-reduce)</translation>
    </message>
    <message>
        <source>step time</source>
        <translation>trajanje koraka</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>tokena/s</translation>
    </message>
    <message>
        <source>Pick a step: every view shows the run&apos;s values recorded nearest it</source>
        <translation>Izaberite korak: svaki prikaz pokazuje vrednosti zapisa snimljene najbliže njemu</translation>
    </message>
    <message>
        <source>Trace this step</source>
        <translation>Snimi ovaj korak</translation>
    </message>
    <message>
        <source>Load the run&apos;s checkpoint of the step before this one as a new model and trace this step&apos;s backward pass as it ran</source>
        <translation>Učitaj kontrolnu tačku zapisa iz prethodnog koraka kao novi model i prati prolaz unazad ovog koraka onako kako je tekao</translation>
    </message>
    <message>
        <source>This run has no checkpoint before this step</source>
        <translation>Ovaj zapis treniranja nema kontrolnu tačku pre ovog koraka</translation>
    </message>
    <message>
        <source>Trace step {step}</source>
        <translation>Prati korak {step}</translation>
    </message>
    <message>
        <source>Load the checkpoint of step {checkpoint} (the weights step {step} started from) and trace step {step} on its recorded batch, as it ran</source>
        <translation>Učitaj kontrolnu tačku koraka {checkpoint} (težine od kojih je krenuo korak {step}) i prati korak {step} na njegovoj snimljenoj seriji, onako kako je tekao</translation>
    </message>
    <message>
        <source>Load the checkpoint of step {checkpoint} and trace step {step}; this run did not record its batches, so a fresh batch is used</source>
        <translation>Učitaj kontrolnu tačku koraka {checkpoint} i prati korak {step}; ovaj zapis nije sačuvao svoje serije, pa se koristi nova serija</translation>
    </message>
    <message>
        <source>Close run</source>
        <translation>Zatvori zapis</translation>
    </message>
    <message>
        <source>Back to the live model</source>
        <translation>Nazad na živi model</translation>
    </message>
    <message>
        <source>Data-parallel runs: each process&apos;s own numbers at the chosen step</source>
        <translation>Zapisi sa paralelizmom podataka: brojevi svakog procesa na izabranom koraku</translation>
    </message>
    <message>
        <source>Run {title} · following · steps {first}–{last}</source>
        <translation>Zapis {title} · praćenje · koraci {first}–{last}</translation>
    </message>
    <message>
        <source>Run {title} · steps {first}–{last}</source>
        <translation>Zapis {title} · koraci {first}–{last}</translation>
    </message>
    <message>
        <source>slowest</source>
        <translation>najsporiji</translation>
    </message>
</context>
<context>
    <name>RunPresenter</name>
    <message>
        <source>This run {ended}.</source>
        <translation>Ovaj zapis: {ended}.</translation>
    </message>
    <message>
        <source>The followed run {stopped}.</source>
        <translation>Praćeni zapis: {stopped}.</translation>
    </message>
</context>
<context>
    <name>SaveFirst</name>
    <message>
        <source>Save…, then rebuild</source>
        <translation>Sačuvaj…, pa izgradi ponovo</translation>
    </message>
    <message>
        <source>The current model&apos;s trained weights are not saved (the run&apos;s metrics are): rebuilding without saving discards them.</source>
        <translation>Istrenirane težine trenutnog modela nisu sačuvane (metrike zapisa jesu): ponovna izgradnja bez čuvanja ih odbacuje.</translation>
    </message>
</context>
<context>
    <name>ScenarioToolbar</name>
    <message>
        <source>Training</source>
        <translation>Treniranje</translation>
    </message>
    <message>
        <source>What to train and trace: start with Autograd basics</source>
        <translation>Šta se trenira i prati: počnite od osnova autograd-a</translation>
    </message>
    <message>
        <source>GPT model size (GPT pretraining only)</source>
        <translation>Veličina GPT modela (samo za GPT predtreniranje)</translation>
    </message>
    <message>
        <source>Where the model trains</source>
        <translation>Gde se model trenira</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Lekcija</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Veličina</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Uređaj</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>prilagođena</translation>
    </message>
</context>
<context>
    <name>TensorGrid</name>
    <message>
        <source>(beyond the colour range ±{bound})</source>
        <translation>(izvan opsega boja ±{bound})</translation>
    </message>
</context>
<context>
    <name>TensorLab</name>
    <message>
        <source>Supported: torch.tensor([...]), a = ..., + - * / @, .shape .dtype .T .reshape() .view() .to(torch.float32) .transpose(i, j) .matmul() .sum() ...</source>
        <translation>Podržano: torch.tensor([...]), a = ..., + - * / @, .shape .dtype .T .reshape() .view() .to(torch.float32) .transpose(i, j) .matmul() .sum() ...</translation>
    </message>
    <message>
        <source>Run  (Ctrl+Enter)</source>
        <translation>Pokreni  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Primeri</translation>
    </message>
    <message>
        <source>Put the source material&apos;s examples back</source>
        <translation>Vrati primere iz izvornog materijala</translation>
    </message>
    <message numerus="yes">
        <source>%n result. Click it to see it.</source>
        <translation>
            <numerusform>%n rezultat. Kliknite ga da ga vidite.</numerusform>
            <numerusform>%n rezultata. Kliknite jedan da ga vidite.</numerusform>
            <numerusform>%n rezultata. Kliknite jedan da ga vidite.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n results. Click one to see it.</source>
        <translation>
            <numerusform>%n rezultat. Kliknite jedan da ga vidite.</numerusform>
            <numerusform>%n rezultata. Kliknite jedan da ga vidite.</numerusform>
            <numerusform>%n rezultata. Kliknite jedan da ga vidite.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} (tensor)</source>
        <translation>{name} (tenzor)</translation>
    </message>
</context>
<context>
    <name>TensorView</name>
    <message>
        <source>shape {shape}</source>
        <translation>oblik {shape}</translation>
    </message>
    <message>
        <source>rank {rank}</source>
        <translation>rang {rank}</translation>
    </message>
    <message>
        <source>mean {mean}</source>
        <translation>prosek {mean}</translation>
    </message>
    <message>
        <source>std {std}</source>
        <translation>sd {std}</translation>
    </message>
    <message>
        <source>min {min}</source>
        <translation>min {min}</translation>
    </message>
    <message>
        <source>max {max}</source>
        <translation>maks {max}</translation>
    </message>
    <message>
        <source>zeros {zeros:,}</source>
        <translation>nula {zeros:,}</translation>
    </message>
    <message>
        <source>histogram (log count)</source>
        <translation>histogram (log broja)</translation>
    </message>
    <message>
        <source>1 + count</source>
        <translation>1 + broj</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>nije zabeleženo</translation>
    </message>
    <message>
        <source>{count:,} values: only statistics and the histogram were kept</source>
        <translation>vrednosti: {count:,}; sačuvani su samo statistika i histogram</translation>
    </message>
    <message>
        <source>axis {axis}: {index} / {last}</source>
        <translation>osa {axis}: {index} / {last}</translation>
    </message>
    <message>
        <source>colours: blue &lt; 0 &lt; vermillion, range ±{bound} (|mean| + 3σ)</source>
        <translation>boje: plava &lt; 0 &lt; crvena, opseg ±{bound} (|prosek| + 3σ)</translation>
    </message>
    <message numerus="yes">
        <source>%n clipped (black corner)</source>
        <translation>
            <numerusform>%n ćelija odsečena (crni ugao)</numerusform>
            <numerusform>%n ćelije odsečene (crni ugao)</numerusform>
            <numerusform>%n ćelija odsečeno (crni ugao)</numerusform>
        </translation>
    </message>
    <message>
        <source>marked</source>
        <translation>označeno</translation>
    </message>
    <message>
        <source>{notes}. Hover a cell for its exact value.</source>
        <translation>{notes}. Zadržite miš na ćeliji za tačnu vrednost.</translation>
    </message>
</context>
<context>
    <name>ThreadWorker</name>
    <message>
        <source>Graph layout</source>
        <translation>raspoređivanje grafa</translation>
    </message>
    <message>
        <source>engine</source>
        <translation>jezgro programa</translation>
    </message>
    <message>
        <source>reading files</source>
        <translation>čitanje datoteka</translation>
    </message>
    <message>
        <source>{name} failed: {detail}</source>
        <translation>Greška — {name}: {detail}</translation>
    </message>
</context>
<context>
    <name>TokenizerView</name>
    <message>
        <source>Type text to see its GPT-2 tokens</source>
        <translation>Upišite tekst da vidite njegove GPT-2 tokene</translation>
    </message>
    <message>
        <source>token</source>
        <translation>token</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>bajtovi</translation>
    </message>
    <message>
        <source>{tokens:,} tokens · {characters:,} characters · {bytes:,} bytes</source>
        <translation>Tokeni: {tokens:,} · znakovi: {characters:,} · bajtovi: {bytes:,}</translation>
    </message>
    <message>
        <source>{partial:,} hold part of a character (shown as bytes)</source>
        <translation>sa delom znaka: {partial:,} (prikazani kao bajtovi)</translation>
    </message>
</context>
<context>
    <name>UnsavedBox</name>
    <message>
        <source>Save the trained weights?</source>
        <translation>Sačuvati istrenirane težine?</translation>
    </message>
    <message>
        <source>The model has trained to step {steps:,}; the last checkpoint holds step {saved:,}.</source>
        <translation>Model je istreniran do koraka {steps:,}; poslednja kontrolna tačka sadrži korak {saved:,}.</translation>
    </message>
    <message numerus="yes">
        <source>The model has trained %Ln steps that no checkpoint holds.</source>
        <translation>
            <numerusform>Model je istrenirao %Ln korak koji nijedna kontrolna tačka ne sadrži.</numerusform>
            <numerusform>Model je istrenirao %Ln koraka koje nijedna kontrolna tačka ne sadrži.</numerusform>
            <numerusform>Model je istrenirao %Ln koraka koje nijedna kontrolna tačka ne sadrži.</numerusform>
        </translation>
    </message>
    <message>
        <source>The run&apos;s metrics are kept on disk; its weights are lost unless you save a checkpoint.</source>
        <translation>Metrike zapisa ostaju na disku; težine se gube ako ne sačuvate kontrolnu tačku.</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Sačuvaj…</translation>
    </message>
</context>
<context>
    <name>ViewBox</name>
    <message>
        <source>ViewBox options</source>
        <translation>Opcije prikaza</translation>
    </message>
    <message>
        <source>View All</source>
        <translation>Prikaži sve</translation>
    </message>
    <message>
        <source>axis</source>
        <translation>osa</translation>
    </message>
    <message>
        <source>Mouse Mode</source>
        <translation>Režim miša</translation>
    </message>
    <message>
        <source>3 button</source>
        <translation>3 dugmeta</translation>
    </message>
    <message>
        <source>1 button</source>
        <translation>1 dugme</translation>
    </message>
</context>
<context>
    <name>attention</name>
    <message>
        <source>Attention maps exist only in the GPT pretraining scenario.</source>
        <translation>Mape pažnje postoje samo u scenariju predtreniranja GPT-a.</translation>
    </message>
    <message>
        <source>Layer(s) {bad} out of range: the model has {count} layers (0..{last}).</source>
        <translation>Sloj(evi) {bad} van opsega: broj slojeva modela je {count} (0..{last}).</translation>
    </message>
    <message>
        <source>Head(s) {bad} out of range: each layer has {count} heads (0..{last}).</source>
        <translation>Glava(e) pažnje {bad} van opsega: broj glava po sloju je {count} (0..{last}).</translation>
    </message>
    <message>
        <source>The text has no tokens: type a few words first.</source>
        <translation>Tekst nema nijedan token: najpre otkucajte nekoliko reči.</translation>
    </message>
</context>
<context>
    <name>config</name>
    <message>
        <source>a boolean ({value})</source>
        <translation>logička vrednost ({value})</translation>
    </message>
    <message>
        <source>a string ({value})</source>
        <translation>niska ({value})</translation>
    </message>
    <message>
        <source>a string of {count:,} characters</source>
        <translation>niska od {count:,} znakova</translation>
    </message>
    <message>
        <source>a float ({value})</source>
        <translation>decimalni broj ({value})</translation>
    </message>
    <message>
        <source>a {type}</source>
        <translation>vrednost tipa {type}</translation>
    </message>
    <message>
        <source>a number with more than 40 digits</source>
        <translation>broj sa više od 40 cifara</translation>
    </message>
    <message>
        <source>Unknown key &apos;{key}&apos;. Did you mean &apos;{close}&apos;?</source>
        <translation>Nepoznat ključ &apos;{key}&apos;. Da li ste mislili na &apos;{close}&apos;?</translation>
    </message>
    <message>
        <source>Unknown key &apos;{key}&apos;. Valid keys: {keys}.</source>
        <translation>Nepoznat ključ &apos;{key}&apos;. Važeći ključevi: {keys}.</translation>
    </message>
    <message>
        <source>{key} must be a whole number, but it is {what}.</source>
        <translation>{key} mora biti ceo broj, a sada je {what}.</translation>
    </message>
    <message>
        <source>{key} must be greater than 0, but it is {value}.</source>
        <translation>{key} mora biti veće od 0, a sada je {value}.</translation>
    </message>
    <message>
        <source>{key} must be at least {low:,}, but it is {value}.</source>
        <translation>{key} mora biti najmanje {low:,}, a sada je {value}.</translation>
    </message>
    <message>
        <source>{key} must be at most {high:,}, but it is {value}.</source>
        <translation>{key} mora biti najviše {high:,}, a sada je {value}.</translation>
    </message>
    <message>
        <source>A model config must be a JSON object with keys {keys}, not {what}.</source>
        <translation>Konfiguracija modela mora biti JSON objekat sa ključevima {keys}, a ne {what}.</translation>
    </message>
    <message>
        <source>Missing key &apos;{key}&apos;.</source>
        <translation>Nedostaje ključ &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>vocab_size {vocab} is smaller than the GPT-2 tokenizer&apos;s {tokens} tokens; token ids would fall outside the embedding table.</source>
        <translation>vocab_size {vocab} je manji od broja tokena GPT-2 tokenizatora ({tokens}); ID-jevi tokena bi pali van tabele ugradnje.</translation>
    </message>
    <message>
        <source>emb_dim {emb} is not divisible by n_heads {heads}; each head needs an equal share of the embedding.</source>
        <translation>emb_dim {emb} nije deljiv sa n_heads {heads}; svakoj glavi pažnje treba jednak deo vektora ugradnje.</translation>
    </message>
    <message>
        <source>drop_rate must be a number in [0, 1), but it is {what}.</source>
        <translation>drop_rate mora biti broj u [0, 1), a sada je {what}.</translation>
    </message>
    <message>
        <source>drop_rate must be at least 0 and below 1, but it is {value}.</source>
        <translation>drop_rate mora biti najmanje 0 i manji od 1, a sada je {value}.</translation>
    </message>
    <message>
        <source>qkv_bias must be true or false, but it is {what}.</source>
        <translation>qkv_bias mora biti true ili false, a sada je {what}.</translation>
    </message>
    <message>
        <source>{key} must be a number, but it is {what}.</source>
        <translation>{key} mora biti broj, a sada je {what}.</translation>
    </message>
    <message>
        <source>{key} must be greater than {low} and at most {high}, but it is {value}.</source>
        <translation>{key} mora biti veće od {low} i najviše {high}, a sada je {value}.</translation>
    </message>
    <message>
        <source>{key} must be at least {low} and at most {high}, but it is {value}.</source>
        <translation>{key} mora biti najmanje {low} i najviše {high}, a sada je {value}.</translation>
    </message>
    <message>
        <source>train_ratio must leave some text for validation (below 1).</source>
        <translation>train_ratio mora ostaviti deo teksta za validaciju (manje od 1).</translation>
    </message>
    <message>
        <source>A training config must be a JSON object, not {what}.</source>
        <translation>Konfiguracija treniranja mora biti JSON objekat, a ne {what}.</translation>
    </message>
    <message>
        <source>device must be one of {devices}, but it is {what}.</source>
        <translation>device mora biti jedno od: {devices}, a sada je {what}.</translation>
    </message>
    <message>
        <source>text_source must be &apos;default&apos; or a path to a .txt file, but it is {what}.</source>
        <translation>text_source mora biti &apos;default&apos; ili putanja do .txt datoteke, a sada je {what}.</translation>
    </message>
    <message>
        <source>max_length {max_length} is larger than the model&apos;s context_length {context_length}; the data windows must fit in the context.</source>
        <translation>max_length {max_length} je veći od context_length modela ({context_length}); prozori podataka moraju stati u kontekst.</translation>
    </message>
    <message>
        <source>Config file &apos;{path}&apos; is not valid JSON: {reason} at line {line}, column {column}.</source>
        <translation>Datoteka konfiguracije &apos;{path}&apos; nije ispravan JSON: {reason} u redu {line}, kolona {column}.</translation>
    </message>
    <message>
        <source>Config file &apos;{path}&apos; is not usable JSON: {reason}.</source>
        <translation>Datoteka konfiguracije &apos;{path}&apos; nije upotrebljiv JSON: {reason}.</translation>
    </message>
    <message>
        <source>Config file &apos;{path}&apos; nests JSON arrays or objects too deeply.</source>
        <translation>Datoteka konfiguracije &apos;{path}&apos; previše duboko ugnežđuje JSON nizove ili objekte.</translation>
    </message>
</context>
<context>
    <name>data</name>
    <message>
        <source>Text file &apos;{path}&apos; is empty.</source>
        <translation>Tekstualna datoteka &apos;{path}&apos; je prazna.</translation>
    </message>
    <message>
        <source>{name} has more than {limit:,} characters in a row without a space or line break (from character {start:,}); it does not look like prose, and the tokenizer would take very long on it.</source>
        <translation>{name}: više od {limit:,} znakova zaredom bez razmaka ili prelaska u novi red (od znaka {start:,}); to ne liči na prozu, a tokenizatoru bi trebalo veoma dugo.</translation>
    </message>
    <message>
        <source>the default text</source>
        <translation>podrazumevani tekst</translation>
    </message>
    <message>
        <source>the text</source>
        <translation>tekst</translation>
    </message>
    <message>
        <source>token offset {offset} is not the start of a window of this text ({windows:,} windows every {stride} tokens).</source>
        <translation>pozicija tokena {offset} nije početak prozora ovog teksta ({windows:,} prozora na svakih {stride} tokena).</translation>
    </message>
    <message>
        <source>{total:,} tokens: {train:,} train ({train_windows:,} windows), {val:,} val ({val_windows:,} windows)</source>
        <translation>ukupno tokena: {total:,} — za treniranje {train:,} (prozora: {train_windows:,}), za validaciju {val:,} (prozora: {val_windows:,})</translation>
    </message>
    <message>
        <source>{name} is too short to train on: its training part has {tokens:,} tokens, which make {windows} window(s) of max_length {max_length}, but batch_size is {batch_size}. Use a longer text, or a smaller max_length or batch_size.</source>
        <translation>{name}: prekratko za treniranje — deo za treniranje ima {tokens:,} tokena, što daje prozora dužine max_length {max_length}: {windows}, a batch_size je {batch_size}. Uzmite duži tekst ili manji max_length ili batch_size.</translation>
    </message>
    <message>
        <source>{name} is too short to validate on: its validation part has {tokens:,} tokens, fewer than the {need} one window of max_length {max_length} needs. Use a longer text, a smaller max_length, or a smaller train_ratio ({train_ratio}).</source>
        <translation>{name}: prekratko za validaciju — deo za validaciju ima {tokens:,} tokena, manje od {need} koliko treba za jedan prozor dužine max_length {max_length}. Uzmite duži tekst, manji max_length ili manji train_ratio ({train_ratio}).</translation>
    </message>
</context>
<context>
    <name>device</name>
    <message>
        <source>Unknown device {name}. Choose one of: {known}.</source>
        <translation>Nepoznat uređaj {name}. Izaberite jedan od: {known}.</translation>
    </message>
    <message>
        <source>Device &apos;{name}&apos; is not available on this machine; available: {available}.</source>
        <translation>Uređaj &apos;{name}&apos; nije dostupan na ovom računaru; dostupni su: {available}.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a valid device name (e.g. cpu, cuda, cuda:1).</source>
        <translation>&apos;{name}&apos; nije ispravno ime uređaja (npr. cpu, cuda, cuda:1).</translation>
    </message>
    <message>
        <source>Device &apos;{name}&apos; does not exist: this machine has {count} CUDA device(s).</source>
        <translation>Uređaj &apos;{name}&apos; ne postoji: broj CUDA uređaja na ovom računaru je {count}.</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>y is a target probability for binary cross-entropy: it must be between 0 and 1, not {y}.</source>
        <translation>y je ciljna verovatnoća za binarnu unakrsnu entropiju: mora biti između 0 i 1, a ne {y}.</translation>
    </message>
    <message>
        <source>handling {command}</source>
        <translation>obrade komande {command}</translation>
    </message>
    <message>
        <source>training</source>
        <translation>treniranja</translation>
    </message>
    <message>
        <source>There is no model yet; press Reset to build it.</source>
        <translation>Još nema modela; pritisnite Resetuj da ga izgradite.</translation>
    </message>
    <message>
        <source>Details: {path}</source>
        <translation>Detalji: {path}</translation>
    </message>
    <message>
        <source>building the model</source>
        <translation>izgradnje modela</translation>
    </message>
    <message>
        <source>the new model</source>
        <translation>novi model</translation>
    </message>
    <message>
        <source>setting up the gradient statistics</source>
        <translation>pripreme statistike gradijenata</translation>
    </message>
    <message>
        <source>Training works without them.</source>
        <translation>Treniranje radi i bez nje.</translation>
    </message>
    <message>
        <source>Checkpoints hold GPT models; this scenario has none to save.</source>
        <translation>Kontrolne tačke čuvaju GPT modele; ovaj scenario nema šta da sačuva.</translation>
    </message>
    <message>
        <source>saving the checkpoint to {path}</source>
        <translation>čuvanja kontrolne tačke u {path}</translation>
    </message>
    <message>
        <source>Training goes on.</source>
        <translation>Treniranje se nastavlja.</translation>
    </message>
    <message>
        <source>moving the model to {device}</source>
        <translation>premeštanja modela na {device}</translation>
    </message>
    <message>
        <source>The model stays where it was.</source>
        <translation>Model ostaje gde je bio.</translation>
    </message>
    <message>
        <source>training step {step}</source>
        <translation>treniranja koraka {step}</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>gubitka</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>norme gradijenta</translation>
    </message>
    <message>
        <source>tracing step {step}</source>
        <translation>snimanja koraka {step}</translation>
    </message>
    <message>
        <source>Only the Autograd basics example has x, y, w and b to edit.</source>
        <translation>Samo primer Osnove autograd-a ima x, y, w i b za uređivanje.</translation>
    </message>
    <message>
        <source>checking gradients</source>
        <translation>provere gradijenata</translation>
    </message>
    <message>
        <source>capturing attention</source>
        <translation>snimanja pažnje</translation>
    </message>
    <message>
        <source>Generation needs a built GPT model (the GPT pretraining scenario).</source>
        <translation>Za generisanje je potreban izgrađen GPT model (scenario predtreniranja GPT-a).</translation>
    </message>
    <message>
        <source>generating text</source>
        <translation>generisanja teksta</translation>
    </message>
    <message>
        <source>Ran out of memory on {device} while {doing}. Choose a smaller preset (nano or micro), a smaller batch size or context, or another device, then press Reset.</source>
        <translation>Nestalo je memorije na uređaju {device} tokom {doing}. Izaberite manju veličinu (nano ili micro), manju seriju (batch) ili kontekst, ili drugi uređaj, pa pritisnite Resetuj.</translation>
    </message>
    <message>
        <source>Ran out of memory while {doing}. Choose a smaller preset (nano or micro), a smaller batch size or context, or another device, then press Reset.</source>
        <translation>Nestalo je memorije tokom {doing}. Izaberite manju veličinu (nano ili micro), manju seriju (batch) ili kontekst, ili drugi uređaj, pa pritisnite Resetuj.</translation>
    </message>
    <message>
        <source>Could not finish {doing}: {problems}</source>
        <translation>Greška tokom {doing}: {problems}</translation>
    </message>
    <message>
        <source>Press Reset to start over.</source>
        <translation>Pritisnite Resetuj da počnete ispočetka.</translation>
    </message>
    <message>
        <source>The engine stopped while {doing}: {problem} ({kind}). {advice}</source>
        <translation>Motor je stao tokom {doing}: {problem} ({kind}). {advice}</translation>
    </message>
    <message>
        <source>The {what} became {value} on step {step}, so that update was skipped and training paused. Lower the learning rate, or press Reset to start over.</source>
        <translation>Vrednost {what} postala je {value} na koraku {step}, pa je to ažuriranje preskočeno, a treniranje pauzirano. Smanjite stopu učenja ili pritisnite Resetuj da počnete ispočetka.</translation>
    </message>
    <message>
        <source>Traced again, every op&apos;s output was finite: the batch&apos;s data caused it.</source>
        <translation>Posle ponovnog snimanja izlaz svake operacije je konačan: uzrok su podaci ove serije.</translation>
    </message>
    <message>
        <source>The first op whose output was not finite: {op} in {module} (forward op {index} of {count}).</source>
        <translation>Prva operacija čiji izlaz nije konačan: {op} u {module} (operacija unapred {index} od {count}).</translation>
    </message>
    <message>
        <source>The first op whose output was not finite: {op} (forward op {index} of {count}).</source>
        <translation>Prva operacija čiji izlaz nije konačan: {op} (operacija unapred {index} od {count}).</translation>
    </message>
    <message>
        <source>The numeric check compares every checked element twice in float64; this model has {parameters:,} parameters (the check takes at most {limit:,}). Try Autograd basics or the small net.</source>
        <translation>Numerička provera računa svaki provereni element dvaput u float64; ovaj model ima {parameters:,} parametara (provera prima najviše {limit:,}). Probajte Osnove autograd-a ili malu mrežu.</translation>
    </message>
    <message>
        <source>Could not tidy the runs folder {folder}: {reason}.</source>
        <translation>Nije bilo moguće raspremiti fasciklu zapisa {folder}: {reason}.</translation>
    </message>
    <message>
        <source>Recording this run stopped: {problem} Training goes on.</source>
        <translation>Beleženje ovog zapisa je prekinuto: {problem} Treniranje se nastavlja.</translation>
    </message>
    <message>
        <source>Recording this run stopped ({folder}): {problem} Training goes on.</source>
        <translation>Beleženje ovog zapisa je prekinuto ({folder}): {problem} Treniranje se nastavlja.</translation>
    </message>
</context>
<context>
    <name>explanations</name>
    <message>
        <source>Looks up one learned vector (emb_dim numbers) per token id.</source>
        <translation>Za svaki ID tokena uzima po jedan naučeni vektor ugradnje (emb_dim brojeva).</translation>
    </message>
    <message>
        <source>A learned linear layer: input @ weightᵀ + bias.</source>
        <translation>Naučeni linearni sloj: ulaz @ težinaᵀ + pristrasnost.</translation>
    </message>
    <message>
        <source>Matrix product: every query against every key (scores), or the weights against the values (context vectors).</source>
        <translation>Množenje matrica: svaki upit sa svakim ključem (skorovi), ili težine pažnje sa vrednostima (vektori konteksta).</translation>
    </message>
    <message>
        <source>Scales the attention scores by √head_dim so the softmax does not saturate.</source>
        <translation>Deli skorove pažnje sa √head_dim da softmaks ne bi ušao u zasićenje.</translation>
    </message>
    <message>
        <source>The causal mask: scores of future tokens become −∞, so no token can look ahead.</source>
        <translation>Kauzalna maska: skorovi budućih tokena postaju −∞, pa nijedan token ne može da gleda unapred.</translation>
    </message>
    <message>
        <source>The softmax turns each row of scores into attention weights that are positive and sum to 1.</source>
        <translation>Softmaks pretvara svaki red skorova u težine pažnje koje su pozitivne i u zbiru daju 1.</translation>
    </message>
    <message>
        <source>While training, zeroes a random share (drop_rate) of values and scales the rest up.</source>
        <translation>Tokom treniranja postavlja na 0 nasumičan udeo vrednosti (stopa izostavljanja, drop_rate), a ostale srazmerno uvećava.</translation>
    </message>
    <message>
        <source>LayerNorm: each token&apos;s vector gets mean 0 and variance 1, then a learned scale and shift.</source>
        <translation>LayerNorm (normalizacija sloja): vektor svakog tokena dobija srednju vrednost 0 i varijansu 1, zatim naučeno skaliranje i pomak.</translation>
    </message>
    <message>
        <source>GELU: a smooth ReLU-like activation inside the feed-forward network.</source>
        <translation>GELU: glatka aktivacija nalik ReLU-u unutar mreže unapred (feed-forward).</translation>
    </message>
    <message>
        <source>ReLU: keeps positive values, sets negative ones to 0 (their gradients are 0 too).</source>
        <translation>ReLU: zadržava pozitivne vrednosti, a negativne postavlja na 0 (i njihovi gradijenti su 0).</translation>
    </message>
    <message>
        <source>σ(z) = 1 / (1 + e^−z): squeezes any number into a probability between 0 and 1.</source>
        <translation>σ(z) = 1 / (1 + e^−z): sigmoidna funkcija sabija bilo koji broj u verovatnoću između 0 i 1.</translation>
    </message>
    <message>
        <source>Multiplication: z = x · w in the autograd example.</source>
        <translation>Množenje: z = x · w u primeru autograd-a.</translation>
    </message>
    <message>
        <source>Addition: z = x·w + b; its gradient passes unchanged to both inputs.</source>
        <translation>Sabiranje: z = x·w + b; njegov gradijent prolazi nepromenjen do oba ulaza.</translation>
    </message>
    <message>
        <source>Cross-entropy: −log of the probability the model gave the true next token, averaged over every position.</source>
        <translation>Unakrsna entropija: −log verovatnoće koju je model dao pravom sledećem tokenu, usrednjeno po svim pozicijama.</translation>
    </message>
    <message>
        <source>Binary cross-entropy: −(y·log a + (1−y)·log(1−a)), small when a is near y.</source>
        <translation>Binarna unakrsna entropija: −(y·log a + (1−y)·log(1−a)), mala kada je a blizu y.</translation>
    </message>
    <message>
        <source>Reshapes without copying: splits emb_dim into n_heads × head_dim, or joins them back.</source>
        <translation>Preoblikovanje bez kopiranja: deli emb_dim na n_heads × head_dim ili ih ponovo spaja.</translation>
    </message>
    <message>
        <source>Swaps two axes, e.g. (b, tokens, heads, head_dim) → (b, heads, tokens, head_dim).</source>
        <translation>Transponovanje: zamenjuje dve ose, npr. (b, tokens, heads, head_dim) → (b, heads, tokens, head_dim).</translation>
    </message>
    <message>
        <source>Copies the tensor into one block of memory so it can be viewed in a new shape.</source>
        <translation>Kopira tenzor u jedan blok memorije da bi mogao da se posmatra u novom obliku.</translation>
    </message>
    <message>
        <source>Joins the batch and token axes so every position is one row for the loss.</source>
        <translation>Spaja ose serije (batch) i tokena tako da je svaka pozicija jedan red za gubitak.</translation>
    </message>
    <message>
        <source>Takes a slice: the causal mask cut to the number of tokens in this batch.</source>
        <translation>Uzima isečak: kauzalnu masku skraćenu na broj tokena u ovoj seriji.</translation>
    </message>
    <message>
        <source>The positions 0, 1, …, num_tokens − 1, for the positional embedding.</source>
        <translation>Pozicije 0, 1, …, num_tokens − 1, za pozicionu ugradnju.</translation>
    </message>
    <message>
        <source>Shortcut (residual) connection: adds the block&apos;s input back to its output, so gradients have a direct path through deep networks.</source>
        <translation>Prečica (rezidualna veza): dodaje ulaz bloka njegovom izlazu, pa gradijenti imaju direktan put kroz duboke mreže.</translation>
    </message>
    <message>
        <source>Token embedding + positional embedding: what each token is and where it stands.</source>
        <translation>Ugradnja tokena + poziciona ugradnja: šta je svaki token i gde se nalazi.</translation>
    </message>
    <message>
        <source>Stores the arriving gradient in the parameter&apos;s .grad, where the optimizer reads it.</source>
        <translation>Čuva pristigli gradijent u atributu .grad parametra, odakle ga optimizator čita.</translation>
    </message>
    <message>
        <source>The transpose inside a linear layer: the gradient is transposed back.</source>
        <translation>Transponovanje unutar linearnog sloja: gradijent se transponuje nazad.</translation>
    </message>
    <message>
        <source>Matrix product, backwards: dL/dA = dL/dC · Bᵀ and dL/dB = Aᵀ · dL/dC.</source>
        <translation>Množenje matrica, unazad: dL/dA = dL/dC · Bᵀ i dL/dB = Aᵀ · dL/dC.</translation>
    </message>
    <message>
        <source>A linear layer (bias + input @ weightᵀ), backwards: gradients for the input, the weight and the bias.</source>
        <translation>Linearni sloj (pristrasnost + ulaz @ težinaᵀ), unazad: gradijenti za ulaz, težinu i pristrasnost.</translation>
    </message>
    <message>
        <source>A tensor that was broadcast: the gradients of its copies are summed.</source>
        <translation>Tenzor koji je bio proširen (broadcast): gradijenti njegovih kopija se sabiraju.</translation>
    </message>
    <message>
        <source>The last half of cross-entropy: −1 at the true token&apos;s log-probability.</source>
        <translation>Druga polovina unakrsne entropije: −1 na log-verovatnoći pravog tokena.</translation>
    </message>
    <message>
        <source>The first half of cross-entropy: softmax(logits) − one-hot(target).</source>
        <translation>Prva polovina unakrsne entropije: softmax(logits) − one-hot(target).</translation>
    </message>
    <message>
        <source>Backwards through: {explanation}</source>
        <translation>Unazad kroz: {explanation}</translation>
    </message>
</context>
<context>
    <name>files</name>
    <message>
        <source>Checkpoint pointer</source>
        <translation>Pokazivač kontrolne tačke</translation>
    </message>
    <message>
        <source>Text file</source>
        <translation>Tekstualna datoteka</translation>
    </message>
    <message>
        <source>Weights index</source>
        <translation>Indeks težina</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datoteka</translation>
    </message>
    <message>
        <source>Config file</source>
        <translation>Datoteka konfiguracije</translation>
    </message>
    <message>
        <source>Weights file</source>
        <translation>Datoteka težina</translation>
    </message>
    <message>
        <source>Optimizer file</source>
        <translation>Datoteka optimizatora</translation>
    </message>
    <message>
        <source>Run manifest</source>
        <translation>Manifest zapisa treniranja</translation>
    </message>
    <message>
        <source>Run status</source>
        <translation>Status zapisa treniranja</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>fascikla</translation>
    </message>
    <message>
        <source>a named pipe</source>
        <translation>imenovana cev</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>uređaj</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>soket</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>posebna datoteka</translation>
    </message>
    <message>
        <source>{label} does not exist.</source>
        <translation>{label} ne postoji.</translation>
    </message>
    <message>
        <source>{label} is a folder, not a file.</source>
        <translation>{label} je fascikla, a ne datoteka.</translation>
    </message>
    <message>
        <source>{label} exists but cannot be read: permission denied.</source>
        <translation>{label} postoji, ali ne može da se pročita: pristup je odbijen.</translation>
    </message>
    <message>
        <source>{label} does not exist (a part of its path is a file).</source>
        <translation>{label} ne postoji (deo putanje je datoteka).</translation>
    </message>
    <message>
        <source>{label} cannot be read: {reason}.</source>
        <translation>{label} ne može da se pročita: {reason}.</translation>
    </message>
    <message>
        <source>{label} is {kind}, not a regular file; only regular files are read.</source>
        <translation>{label} je {kind}, a ne obična datoteka; čitaju se samo obične datoteke.</translation>
    </message>
    <message>
        <source>{what} &apos;{path}&apos;</source>
        <translation>{what} &apos;{path}&apos;</translation>
    </message>
    <message>
        <source>{path} is not a valid file path.</source>
        <translation>{path} nije ispravna putanja do datoteke.</translation>
    </message>
    <message>
        <source>{label} is {size}; the limit is {limit}.</source>
        <translation>{label} ima {size}; ograničenje je {limit}.</translation>
    </message>
    <message>
        <source>{label} is larger than the limit of {limit}.</source>
        <translation>{label} premašuje ograničenje od {limit}.</translation>
    </message>
    <message>
        <source>{label} is not UTF-8 text (byte {byte} cannot be decoded); save it as UTF-8.</source>
        <translation>{label} nije UTF-8 tekst (bajt {byte} ne može da se dekodira); sačuvajte datoteku kao UTF-8.</translation>
    </message>
</context>
<context>
    <name>generation</name>
    <message>
        <source>New tokens must be 1 to {limit}, not {value}.</source>
        <translation>Broj novih tokena mora biti od 1 do {limit}, a ne {value}.</translation>
    </message>
    <message>
        <source>Temperature must be 0 (greedy) to 10, not {value}.</source>
        <translation>Temperatura mora biti od 0 (pohlepno) do 10, a ne {value}.</translation>
    </message>
    <message>
        <source>Top-k must be 0 (off) or more, not {value}.</source>
        <translation>Top-k mora biti 0 (isključeno) ili više, a ne {value}.</translation>
    </message>
    <message>
        <source>Top-p must be above 0 and at most 1, not {value}.</source>
        <translation>Top-p mora biti veće od 0 i najviše 1, a ne {value}.</translation>
    </message>
</context>
<context>
    <name>gradient_health</name>
    <message>
        <source>{name}: gradient norm {norm:.1e} is below {limit:.0e}: it barely learns (vanishing gradient).</source>
        <translation>{name}: norma gradijenta {norm:.1e} je ispod {limit:.0e}: jedva uči (nestajući gradijent).</translation>
    </message>
    <message>
        <source>{name}: gradient norm {norm:.1e} is above {limit:.0e}: steps this large can blow the weights up (exploding gradient).</source>
        <translation>{name}: norma gradijenta {norm:.1e} je iznad {limit:.0e}: ovako veliki koraci mogu da raznesu težine (eksplodirajući gradijent).</translation>
    </message>
    <message>
        <source>{name}: the gradient is {norm} (not a number any more).</source>
        <translation>{name}: gradijent je {norm} (više nije broj).</translation>
    </message>
</context>
<context>
    <name>graph</name>
    <message>
        <source>double-click to expand</source>
        <translation>dvoklik za proširenje</translation>
    </message>
    <message>
        <source>module: {module}</source>
        <translation>modul: {module}</translation>
    </message>
    <message>
        <source>parameter: {name}</source>
        <translation>parametar: {name}</translation>
    </message>
    <message>
        <source>shape: {shape}</source>
        <translation>oblik: {shape}</translation>
    </message>
    <message>
        <source>{count} nodes inside — double-click to expand</source>
        <translation>čvorova unutra: {count} — dvoklik za proširenje</translation>
    </message>
</context>
<context>
    <name>inspection</name>
    <message>
        <source>Press F11 to trace a step and step into backprop, or F5 to train.</source>
        <translation>Pritisnite F11 da snimite korak i uđete u propagaciju unazad, ili F5 za treniranje.</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>težina</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>pristrasnost</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>aktivacija</translation>
    </message>
    <message>
        <source>data</source>
        <translation>podaci</translation>
    </message>
    <message>
        <source>target</source>
        <translation>cilj</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>korak {step}</translation>
    </message>
    <message>
        <source>Before the forward pass</source>
        <translation>Pre prolaza unapred</translation>
    </message>
    <message>
        <source>{forward} forward ops and {backward} backward nodes recorded; loss L = {loss}.</source>
        <translation>Zabeleženo operacija unapred: {forward}, čvorova unazad: {backward}; gubitak L = {loss}.</translation>
    </message>
    <message>
        <source>F11 steps into backprop; ▶ Forward op runs the forward ops one by one.</source>
        <translation>F11 ulazi u propagaciju unazad; ▶ Operacija unapred izvršava operacije prolaza unapred jednu po jednu.</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <source>module: {module}</source>
        <translation>modul: {module}</translation>
    </message>
    <message>
        <source>module: (the model itself)</source>
        <translation>modul: (sam model)</translation>
    </message>
    <message>
        <source>value {name} = {value}</source>
        <translation>vrednost {name} = {value}</translation>
    </message>
    <message>
        <source>value = {value}</source>
        <translation>vrednost = {value}</translation>
    </message>
    <message>
        <source>shape {shape}  {dtype}</source>
        <translation>oblik {shape}  {dtype}</translation>
    </message>
    <message>
        <source>shape {shape}</source>
        <translation>oblik {shape}</translation>
    </message>
    <message>
        <source>input</source>
        <translation>ulaz</translation>
    </message>
    <message>
        <source>inputs: {inputs}</source>
        <translation>ulazi: {inputs}</translation>
    </message>
    <message>
        <source>output: {shapes}  {dtype}</source>
        <translation>izlaz: {shapes}  {dtype}</translation>
    </message>
    <message>
        <source>autograd node it creates: {node}</source>
        <translation>autograd čvor koji pravi: {node}</translation>
    </message>
    <message>
        <source>value of {name}</source>
        <translation>vrednost {name}</translation>
    </message>
    <message>
        <source>{node} · stores {name}.grad</source>
        <translation>{node} · čuva {name}.grad</translation>
    </message>
    <message>
        <source>{node} · from {op}</source>
        <translation>{node} · iz {op}</translation>
    </message>
    <message>
        <source>parameter: {name}</source>
        <translation>parametar: {name}</translation>
    </message>
    <message>
        <source>{zeroed} of {count} values zeroed by ReLU (where its input was ≤ 0)</source>
        <translation>ReLU je postavio na nulu {zeroed} od {count} vrednosti (tamo gde je ulaz bio ≤ 0)</translation>
    </message>
    <message>
        <source>zeroed by ReLU</source>
        <translation>ReLU postavio na nulu</translation>
    </message>
    <message>
        <source>grad in  dL/{d} = {value}</source>
        <translation>gradijent ulazi  dL/{d} = {value}</translation>
    </message>
    <message>
        <source>grad in: dL/{d}</source>
        <translation>gradijent ulazi: dL/{d}</translation>
    </message>
    <message>
        <source>input {index}</source>
        <translation>ulaz {index}</translation>
    </message>
    <message>
        <source> ({role})</source>
        <translation> ({role})</translation>
    </message>
    <message>
        <source>grad out → {name}{role}: none (needs no gradient)</source>
        <translation>gradijent izlazi → {name}{role}: nema (gradijent nije potreban)</translation>
    </message>
    <message>
        <source>grad out  dL/{d}{role} = {value}</source>
        <translation>gradijent izlazi  dL/{d}{role} = {value}</translation>
    </message>
    <message>
        <source>grad out: dL/{d}{role}</source>
        <translation>gradijent izlazi: dL/{d}{role}</translation>
    </message>
    <message>
        <source>local  d{of}/d{wrt} = {formula} = {value}</source>
        <translation>lokalno  d{of}/d{wrt} = {formula} = {value}</translation>
    </message>
    <message>
        <source>AdamW: m and v are running means of the gradient and its square; the step is −lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε), and the decoupled weight decay −lr·λ·old is added on top: new = old + decay + step. Click a row for its tensors.</source>
        <translation>AdamW: m i v su pokretni proseci gradijenta i njegovog kvadrata; korak je −lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε), a odvojeno opadanje težina −lr·λ·pre dodaje se povrh toga: posle = pre + opadanje + korak. Kliknite red da vidite njegove tenzore.</translation>
    </message>
    <message>
        <source>Each parameter: old value, the step −lr·grad, the new value{lr}.</source>
        <translation>Svaki parametar: stara vrednost, korak −lr·grad, nova vrednost{lr}.</translation>
    </message>
    <message>
        <source>AdamW change</source>
        <translation>promena AdamW</translation>
    </message>
    <message>
        <source>{optimizer} change</source>
        <translation>promena {optimizer}</translation>
    </message>
    <message>
        <source>Each parameter: old value, the change {optimizer} makes, the new value{lr}.</source>
        <translation>Svaki parametar: stara vrednost, promena koju pravi {optimizer}, nova vrednost{lr}.</translation>
    </message>
    <message>
        <source>optimizer change</source>
        <translation>promena optimizatora</translation>
    </message>
    <message>
        <source>Each parameter: old value, the change the optimizer makes, the new value{lr}.</source>
        <translation>Svaki parametar: stara vrednost, promena koju pravi optimizator, nova vrednost{lr}.</translation>
    </message>
    <message>
        <source>Optimizer update</source>
        <translation>Ažuriranje optimizatora</translation>
    </message>
    <message>
        <source>m (running mean of {name}.grad)</source>
        <translation>m (pokretni prosek {name}.grad)</translation>
    </message>
    <message>
        <source>v (running mean of grad²)</source>
        <translation>v (pokretni prosek grad²)</translation>
    </message>
    <message>
        <source>bias-corrected step −lr/(1−β1^t)·m/(√v/√(1−β2^t)+ε)</source>
        <translation>korak sa ispravkom pristrasnosti −lr/(1−β1^t)·m/(√v/√(1−β2^t)+ε)</translation>
    </message>
    <message>
        <source>weight decay −lr·λ·old</source>
        <translation>opadanje težina −lr·λ·pre</translation>
    </message>
    <message>
        <source>{module} (collapsed)</source>
        <translation>{module} (skupljeno)</translation>
    </message>
    <message>
        <source>{count} forward nodes inside.</source>
        <translation>Čvorova unapred unutra: {count}.</translation>
    </message>
    <message>
        <source>Double-click it to expand.</source>
        <translation>Dvokliknite da proširite.</translation>
    </message>
    <message>
        <source>This node is not part of the traced step.</source>
        <translation>Ovaj čvor nije deo snimljenog koraka.</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>parametar</translation>
    </message>
    <message>
        <source>input data</source>
        <translation>ulazni podaci</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>izabrano</translation>
    </message>
</context>
<context>
    <name>memory</name>
    <message>
        <source>{doing} needs about {needed} of memory on {device}, but only {free} is available. Choose a smaller model (fewer layers, a smaller emb_dim or context_length), a smaller batch_size or max_length, or another device.</source>
        <translation>{doing} zahteva oko {needed} memorije na uređaju {device}, a dostupno je samo {free}. Izaberite manji model (manje slojeva, manji emb_dim ili context_length), manji batch_size ili max_length, ili drugi uređaj.</translation>
    </message>
    <message>
        <source>Training this model (batch {batch} x {context} tokens)</source>
        <translation>Treniranje ovog modela (serija {batch} x {context} tokena)</translation>
    </message>
    <message>
        <source>Loading this model</source>
        <translation>Učitavanje ovog modela</translation>
    </message>
</context>
<context>
    <name>model_files</name>
    <message>
        <source>train_state cannot be stored as JSON: {reason}.</source>
        <translation>train_state ne može da se sačuva kao JSON: {reason}.</translation>
    </message>
    <message>
        <source>Could not save the checkpoint to &apos;{path}&apos;: {reason}. The previous checkpoint there, if any, is kept.</source>
        <translation>Nije bilo moguće sačuvati kontrolnu tačku u &apos;{path}&apos;: {reason}. Prethodna kontrolna tačka na tom mestu, ako postoji, je zadržana.</translation>
    </message>
    <message>
        <source>{file} is not a Backprop Studio checkpoint config (&quot;format&quot; is {found}, expected &apos;{format}&apos;).</source>
        <translation>{file} nije konfiguracija kontrolne tačke programa Backprop Studio (&quot;format&quot; je {found}, očekivano &apos;{format}&apos;).</translation>
    </message>
    <message>
        <source>{file}: checkpoint version {found} is not supported (this app reads version {version}).</source>
        <translation>{file}: verzija kontrolne tačke {found} nije podržana (ovaj program čita verziju {version}).</translation>
    </message>
    <message>
        <source>{file} has no &apos;model&apos; section with the GPT config.</source>
        <translation>{file} nema odeljak &apos;model&apos; sa GPT konfiguracijom.</translation>
    </message>
    <message>
        <source>{file} &apos;model&apos;: {problem}</source>
        <translation>{file} &apos;model&apos;: {problem}</translation>
    </message>
    <message>
        <source>{file}: &apos;tie_weights&apos; must be true or false, but it is {found}.</source>
        <translation>{file}: &apos;tie_weights&apos; mora biti true ili false, a sada je {found}.</translation>
    </message>
    <message>
        <source>{file}: &apos;train_state&apos; must be a JSON object.</source>
        <translation>{file}: &apos;train_state&apos; mora biti JSON objekat.</translation>
    </message>
    <message>
        <source>{file} is neither a Backprop Studio checkpoint (&quot;format&quot;: &quot;{format}&quot;) nor a Hugging Face GPT-2 config (&quot;model_type&quot;: &quot;gpt2&quot; with n_embd, n_layer, n_head).</source>
        <translation>{file} nije ni kontrolna tačka programa Backprop Studio (&quot;format&quot;: &quot;{format}&quot;) ni Hugging Face GPT-2 konfiguracija (&quot;model_type&quot;: &quot;gpt2&quot; sa n_embd, n_layer, n_head).</translation>
    </message>
    <message>
        <source>{file} is not a Backprop Studio checkpoint pointer (&quot;format&quot;: &quot;{format}&quot;).</source>
        <translation>{file} nije pokazivač kontrolne tačke programa Backprop Studio (&quot;format&quot;: &quot;{format}&quot;).</translation>
    </message>
    <message>
        <source>{file}: checkpoint folder version {found} is not supported (this app reads version {version}).</source>
        <translation>{file}: verzija fascikle kontrolne tačke {found} nije podržana (ovaj program čita verziju {version}).</translation>
    </message>
    <message>
        <source>{file}: &apos;current&apos; must name a version folder like v00000040-1f2e3d4c, but it is {found}.</source>
        <translation>{file}: &apos;current&apos; mora da imenuje fasciklu verzije kao v00000040-1f2e3d4c, a sada je {found}.</translation>
    </message>
    <message>
        <source>{file} names the version folder &apos;{name}&apos;, which is missing (or is not a real folder).</source>
        <translation>{file} imenuje fasciklu verzije &apos;{name}&apos;, koja nedostaje (ili nije prava fascikla).</translation>
    </message>
    <message>
        <source>{keys} and {more} more</source>
        <translation>{keys} i još {more}</translation>
    </message>
    <message>
        <source>{file} lacks &apos;{key}&apos;.</source>
        <translation>{file}: nedostaje &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>{file} lacks &apos;n_positions&apos; (the context length).</source>
        <translation>{file}: nedostaje &apos;n_positions&apos; (dužina konteksta).</translation>
    </message>
    <message>
        <source>{file}: activation_function &apos;{found}&apos; is not GPT-2&apos;s tanh GELU (gelu_new).</source>
        <translation>{file}: activation_function &apos;{found}&apos; nije GPT-2 tanh GELU (gelu_new).</translation>
    </message>
    <message>
        <source>{file}: n_inner {found} differs from 4*n_embd; GPTModel&apos;s feed-forward is always 4*emb_dim wide.</source>
        <translation>{file}: n_inner {found} se razlikuje od 4*n_embd; mreža unapred (feed-forward) u GPTModel je uvek široka 4*emb_dim.</translation>
    </message>
    <message>
        <source>{file}: {key}={found} changes the attention math; only {ok} is supported.</source>
        <translation>{file}: {key}={found} menja račun pažnje; podržano je samo {ok}.</translation>
    </message>
    <message>
        <source>{file} gives a model config this app cannot use: {problem}</source>
        <translation>{file} daje konfiguraciju modela koju ovaj program ne može da koristi: {problem}</translation>
    </message>
    <message>
        <source>{source}: &apos;{key}&apos; has shape {shape}, expected {expected}.</source>
        <translation>{source}: &apos;{key}&apos; ima oblik {shape}, očekivan je {expected}.</translation>
    </message>
    <message>
        <source>{file} is not a readable safetensors index ({reason}).</source>
        <translation>{file} nije čitljiv safetensors indeks ({reason}).</translation>
    </message>
    <message>
        <source>&apos;{file}&apos; is a pickled PyTorch file (torch.save / .bin / .pt). Backprop Studio never unpickles files because loading them can run arbitrary code; convert it to safetensors (model.safetensors) first.</source>
        <translation>&apos;{file}&apos; je PyTorch datoteka sačuvana pickle-om (torch.save / .bin / .pt). Backprop Studio nikada ne otpakuje pickle datoteke jer njihovo učitavanje može da izvrši proizvoljan kod; najpre je pretvorite u safetensors (model.safetensors).</translation>
    </message>
    <message>
        <source>&apos;{file}&apos; cannot be read.</source>
        <translation>&apos;{file}&apos; ne može da se pročita.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not a usable path.</source>
        <translation>&apos;{path}&apos; nije upotrebljiva putanja.</translation>
    </message>
    <message>
        <source>Checkpoint folder &apos;{path}&apos; does not exist.</source>
        <translation>Fascikla kontrolne tačke &apos;{path}&apos; ne postoji.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is a file; a checkpoint is a folder with {config} and {model}.</source>
        <translation>&apos;{path}&apos; je datoteka; kontrolna tačka je fascikla sa {config} i {model}.</translation>
    </message>
    <message>
        <source>{file} is not valid JSON: {reason} at line {line}, column {column}.</source>
        <translation>{file} nije ispravan JSON: {reason} u redu {line}, kolona {column}.</translation>
    </message>
    <message>
        <source>{file} is not usable JSON ({kind}).</source>
        <translation>{file} nije upotrebljiv JSON ({kind}).</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; has no {config}; it is not a checkpoint folder.</source>
        <translation>&apos;{path}&apos; nema {config}; to nije fascikla kontrolne tačke.</translation>
    </message>
    <message>
        <source>{file} must hold a JSON object.</source>
        <translation>{file} mora da sadrži JSON objekat.</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; has no {file}.</source>
        <translation>&apos;{folder}&apos; nema {file}.</translation>
    </message>
    <message>
        <source>{file} is not a readable safetensors file ({reason}).</source>
        <translation>{file} nije čitljiva safetensors datoteka ({reason}).</translation>
    </message>
    <message>
        <source>Cannot create the model on device &apos;{device}&apos;: {reason}</source>
        <translation>Nije moguće napraviti model na uređaju &apos;{device}&apos;: {reason}</translation>
    </message>
    <message>
        <source>{source} lacks {count} weight(s) the model needs: {keys}.</source>
        <translation>{source}: nedostaju težine koje su modelu potrebne ({count}): {keys}.</translation>
    </message>
    <message>
        <source>{source} has {count} weight(s) this model does not have: {keys}.</source>
        <translation>{source}: ima težine kojih ovaj model nema ({count}): {keys}.</translation>
    </message>
    <message>
        <source>{source}: &apos;{key}&apos; has shape {shape}, but the config needs {needed}.</source>
        <translation>{source}: &apos;{key}&apos; ima oblik {shape}, a konfiguraciji treba {needed}.</translation>
    </message>
    <message>
        <source>{source}: &apos;{key}&apos; holds {dtype} values; weights must be floats.</source>
        <translation>{source}: &apos;{key}&apos; sadrži vrednosti tipa {dtype}; težine moraju biti decimalni brojevi.</translation>
    </message>
    <message>
        <source>{source}: {count} more weight(s) have the wrong shape or type.</source>
        <translation>{source}: još težina sa pogrešnim oblikom ili tipom: {count}.</translation>
    </message>
    <message>
        <source>{source} holds its own &apos;{key}&apos;, but the config says tie_weights is true (the head shares tok_emb.weight); the stored head would be dropped. Set tie_weights to false or remove the head.</source>
        <translation>{source} sadrži sopstveni &apos;{key}&apos;, ali konfiguracija kaže da je tie_weights true (izlazna glava deli tok_emb.weight); sačuvana glava bi bila odbačena. Postavite tie_weights na false ili uklonite glavu.</translation>
    </message>
    <message>
        <source>optimizer.json holds a malformed tensor value {value}.</source>
        <translation>optimizer.json sadrži neispravnu vrednost tenzora {value}.</translation>
    </message>
    <message>
        <source>{file}: state entry {index} is malformed.</source>
        <translation>{file}: stavka stanja {index} je neispravna.</translation>
    </message>
    <message>
        <source>{file} lacks tensor &apos;{tensor}&apos; named in {json}.</source>
        <translation>{file}: nedostaje tenzor &apos;{tensor}&apos; naveden u {json}.</translation>
    </message>
    <message>
        <source>{file}: state {index} &apos;{name}&apos; is malformed.</source>
        <translation>{file}: stanje {index} &apos;{name}&apos; je neispravno.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; has {present} but not {absent}; the optimizer state needs both.</source>
        <translation>&apos;{path}&apos; ima {present}, ali nema {absent}; stanju optimizatora trebaju obe datoteke.</translation>
    </message>
    <message>
        <source>{file} must be an object with &apos;state&apos; and &apos;param_groups&apos;.</source>
        <translation>{file} mora biti objekat sa &apos;state&apos; i &apos;param_groups&apos;.</translation>
    </message>
    <message>
        <source>{file}: param group {index} has no &apos;params&apos; list of whole numbers.</source>
        <translation>{file}: grupa parametara {index} nema listu celih brojeva &apos;params&apos;.</translation>
    </message>
    <message>
        <source>The saved optimizer state does not fit this optimizer: {reason}</source>
        <translation>Sačuvano stanje optimizatora ne odgovara ovom optimizatoru: {reason}</translation>
    </message>
    <message>
        <source>{file} is not a Hugging Face GPT-2 config (&quot;model_type&quot;: &quot;gpt2&quot; with n_embd, n_layer, n_head).</source>
        <translation>{file} nije Hugging Face GPT-2 konfiguracija (&quot;model_type&quot;: &quot;gpt2&quot; sa n_embd, n_layer, n_head).</translation>
    </message>
</context>
<context>
    <name>output</name>
    <message>
        <source>{path} is not a usable folder path.</source>
        <translation>{path} nije upotrebljiva putanja do fascikle.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is a file; a checkpoint is saved as a folder.</source>
        <translation>&apos;{path}&apos; je datoteka; kontrolna tačka se čuva kao fascikla.</translation>
    </message>
    <message>
        <source>Cannot look into the checkpoint folder &apos;{path}&apos;: {reason}.</source>
        <translation>Nije moguće pogledati u fasciklu kontrolne tačke &apos;{path}&apos;: {reason}.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not empty and is not a Backprop Studio checkpoint: it holds {names}. Choose an empty or new folder; nothing there is overwritten.</source>
        <translation>&apos;{path}&apos; nije prazna i nije kontrolna tačka programa Backprop Studio: sadrži {names}. Izaberite praznu ili novu fasciklu; tamo se ništa ne prepisuje.</translation>
    </message>
    <message>
        <source>a checkpoint in</source>
        <translation>kontrolnu tačku u</translation>
    </message>
    <message>
        <source>the checkpoint folder</source>
        <translation>fasciklu kontrolne tačke</translation>
    </message>
    <message>
        <source>the metrics file</source>
        <translation>datoteku metrika</translation>
    </message>
    <message>
        <source>Cannot write the metrics file &apos;{path}&apos;: {reason}.</source>
        <translation>Nije moguće pisati u datoteku metrika &apos;{path}&apos;: {reason}.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; exists but does not look like a metrics file (its last line is not a JSON object); choose another file. Nothing was written to it.</source>
        <translation>&apos;{path}&apos; postoji, ali ne liči na datoteku metrika (njen poslednji red nije JSON objekat); izaberite drugu datoteku. U nju ništa nije upisano.</translation>
    </message>
    <message>
        <source>Could not write the metrics file &apos;{path}&apos;: {reason}. Training stopped.</source>
        <translation>Nije bilo moguće upisati datoteku metrika &apos;{path}&apos;: {reason}. Treniranje je zaustavljeno.</translation>
    </message>
    <message>
        <source>Cannot create {what} &apos;{path}&apos;: &apos;{anchor}&apos; is a file, not a folder.</source>
        <translation>Nije moguće napraviti {what} &apos;{path}&apos;: &apos;{anchor}&apos; je datoteka, a ne fascikla.</translation>
    </message>
    <message>
        <source>Cannot write {what} &apos;{path}&apos;: the folder &apos;{anchor}&apos; is not writable (permission denied or a read-only disk).</source>
        <translation>Nije moguće upisati {what} &apos;{path}&apos;: u fasciklu &apos;{anchor}&apos; ne može da se piše (pristup je odbijen ili je disk samo za čitanje).</translation>
    </message>
    <message>
        <source>Cannot write {what} &apos;{path}&apos;: the file is not writable.</source>
        <translation>Nije moguće upisati {what} &apos;{path}&apos;: u datoteku ne može da se piše.</translation>
    </message>
    <message>
        <source>Cannot use &apos;{path}&apos; as {what}: {reason}.</source>
        <translation>&apos;{path}&apos; ne može da se koristi za {what}: {reason}.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is a folder; {what} must be a file name.</source>
        <translation>&apos;{path}&apos; je fascikla; za {what} treba ime datoteke.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not a regular file; {what} must be one.</source>
        <translation>&apos;{path}&apos; nije obična datoteka; za {what} mora biti obična datoteka.</translation>
    </message>
    <message>
        <source>The folder of {what} &apos;{path}&apos; does not exist.</source>
        <translation>Fascikla za {what} &apos;{path}&apos; ne postoji.</translation>
    </message>
    <message>
        <source>the CSV file</source>
        <translation>CSV datoteku</translation>
    </message>
    <message>
        <source>the TensorBoard folder</source>
        <translation>TensorBoard fasciklu</translation>
    </message>
    <message>
        <source>the run folder</source>
        <translation>fasciklu zapisa treniranja</translation>
    </message>
</context>
<context>
    <name>position</name>
    <message>
        <source>before the forward pass</source>
        <translation>pre prolaza unapred</translation>
    </message>
    <message>
        <source>forward {index} of {count}</source>
        <translation>unapred {index} od {count}</translation>
    </message>
    <message>
        <source>backward {index} of {count}</source>
        <translation>unazad {index} od {count}</translation>
    </message>
    <message>
        <source>update {index} of {count}</source>
        <translation>ažuriranje {index} od {count}</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>Tokenizing the text</source>
        <translation>Tokenizujem tekst</translation>
    </message>
    <message>
        <source>Reading {name}</source>
        <translation>Čitam {name}</translation>
    </message>
    <message>
        <source>Writing {name}</source>
        <translation>Upisujem {name}</translation>
    </message>
    <message>
        <source>Reading TensorBoard events</source>
        <translation>Čitam TensorBoard događaje</translation>
    </message>
    <message>
        <source>Building the model</source>
        <translation>Pravim model</translation>
    </message>
</context>
<context>
    <name>rewind</name>
    <message>
        <source>&apos;{path}&apos;: the batch_starts of step {step} are not a list of token offsets.</source>
        <translation>&apos;{path}&apos;: batch_starts koraka {step} nisu lista pozicija tokena.</translation>
    </message>
    <message>
        <source>traces step {step} from the checkpoint of step {checkpoint}</source>
        <translation>prati korak {step} od kontrolne tačke koraka {checkpoint}</translation>
    </message>
    <message>
        <source>traces step {step} from the checkpoint of step {checkpoint}, on a fresh batch (this run did not record its batches)</source>
        <translation>prati korak {step} od kontrolne tačke koraka {checkpoint}, na novoj seriji (ovaj zapis nije sačuvao svoje serije)</translation>
    </message>
    <message>
        <source> The run did not record this step&apos;s batch: traced on a fresh batch, so its loss differs from the recorded one.</source>
        <translation> Zapis nije sačuvao seriju ovog koraka: praćen je na novoj seriji, pa se njegov gubitak razlikuje od snimljenog.</translation>
    </message>
    <message>
        <source> As it ran: the same weights, batch and dropout; loss {loss:.6f} (recorded {recorded:.6f}).</source>
        <translation> Onako kako je tekao: iste težine, serija i izostavljanje; gubitak {loss:.6f} (snimljen {recorded:.6f}).</translation>
    </message>
    <message>
        <source>the checkpoint of step {checkpoint} of {run}, to trace step {step}</source>
        <translation>kontrolnu tačku koraka {checkpoint} zapisa {run}, radi praćenja koraka {step}</translation>
    </message>
    <message>
        <source>the checkpoint holds step {found}, not step {step}&apos;s starting point.</source>
        <translation>kontrolna tačka sadrži korak {found}, a ne stanje od kojeg kreće korak {step}.</translation>
    </message>
    <message>
        <source>the training text is not the one this run was recorded on ({corpus}: its tokens differ), so step {step}&apos;s batch cannot be rebuilt.</source>
        <translation>tekst za treniranje nije onaj na kojem je ovaj zapis snimljen ({corpus}: tokeni se razlikuju), pa se serija koraka {step} ne može ponovo sastaviti.</translation>
    </message>
    <message>
        <source>the run recorded no batch for step {step}.</source>
        <translation>zapis nije sačuvao seriju za korak {step}.</translation>
    </message>
    <message>
        <source>step {step}&apos;s recorded batch does not fit this text: {problem}</source>
        <translation>snimljena serija koraka {step} ne odgovara ovom tekstu: {problem}</translation>
    </message>
    <message>
        <source>This run has no checkpoint before step {step}: there is nothing to trace from.</source>
        <translation>Ovaj zapis treniranja nema kontrolnu tačku pre koraka {step}: nema od čega da se prati.</translation>
    </message>
</context>
<context>
    <name>runs</name>
    <message>
        <source>{file}: &apos;{key}&apos; must be a text.</source>
        <translation>{file}: &apos;{key}&apos; mora biti tekst.</translation>
    </message>
    <message>
        <source>{file}: &apos;{key}&apos; must be a JSON object.</source>
        <translation>{file}: &apos;{key}&apos; mora biti JSON objekat.</translation>
    </message>
    <message>
        <source>{file}: &apos;config&apos; must be a JSON object or null.</source>
        <translation>{file}: &apos;config&apos; mora biti JSON objekat ili null.</translation>
    </message>
    <message>
        <source>{what} &apos;{path}&apos; is not valid JSON ({reason}).</source>
        <translation>{what} &apos;{path}&apos; nije ispravan JSON ({reason}).</translation>
    </message>
    <message>
        <source>{what} &apos;{path}&apos; must hold a JSON object.</source>
        <translation>{what} &apos;{path}&apos; mora da sadrži JSON objekat.</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; is not a run: it is not a folder.</source>
        <translation>&apos;{folder}&apos; nije zapis treniranja: nije fascikla.</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; is not a run: it does not exist.</source>
        <translation>&apos;{folder}&apos; nije zapis treniranja: ne postoji.</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; is not a run: it has no {manifest}. A run folder is written by `backprop-studio train --run`, the app or a Recorder.</source>
        <translation>&apos;{folder}&apos; nije zapis treniranja: nema {manifest}. Fasciklu zapisa pišu `backprop-studio train --run`, aplikacija ili Recorder.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not a Backprop Studio run manifest (&quot;format&quot; is {found}, expected &apos;{format}&apos;).</source>
        <translation>&apos;{path}&apos; nije manifest zapisa programa Backprop Studio (&quot;format&quot; je {found}, očekivano &apos;{format}&apos;).</translation>
    </message>
    <message>
        <source>&apos;{path}&apos;: &apos;version&apos; must be a whole number from 1, not {found}.</source>
        <translation>&apos;{path}&apos;: &apos;version&apos; mora biti ceo broj od 1 naviše, a ne {found}.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is a run of format version {version}, written by {writer}; this app reads run format version {ours} and older. Update Backprop Studio to open it.</source>
        <translation>&apos;{path}&apos; je zapis formata verzije {version}, koji je napisao {writer}; ovaj program čita zapise formata verzije {ours} i starije. Ažurirajte Backprop Studio da biste ga otvorili.</translation>
    </message>
    <message>
        <source>Cannot read &apos;{path}&apos;: {reason}.</source>
        <translation>Nije moguće pročitati &apos;{path}&apos;: {reason}.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; line {line} is not a step record; the file is damaged there.</source>
        <translation>&apos;{path}&apos;: red {line} nije zapis koraka; datoteka je tu oštećena.</translation>
    </message>
    <message>
        <source>Cannot read the shard &apos;{path}&apos;: {reason}.</source>
        <translation>Nije moguće pročitati deo zapisa &apos;{path}&apos;: {reason}.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not a {record} shard of a run (its header has no matching &apos;run&apos; metadata).</source>
        <translation>&apos;{path}&apos; nije deo zapisa tipa {record} (njegovo zaglavlje nema odgovarajuće &apos;run&apos; metapodatke).</translation>
    </message>
    <message>
        <source>The stats shard &apos;{path}&apos; lacks {keys}.</source>
        <translation>Delu zapisa sa statistikom &apos;{path}&apos; nedostaje {keys}.</translation>
    </message>
    <message>
        <source>The stats shard &apos;{path}&apos; lacks its names or step.</source>
        <translation>Delu zapisa sa statistikom &apos;{path}&apos; nedostaju imena ili korak.</translation>
    </message>
    <message>
        <source>The attention shard &apos;{path}&apos; lacks {key}.</source>
        <translation>Delu zapisa sa pažnjom &apos;{path}&apos; nedostaje {key}.</translation>
    </message>
    <message>
        <source>Reading TensorBoard needs the tensorboard package, which is not installed; install it with `pip install tensorboard` (or export --format csv).</source>
        <translation>Za čitanje TensorBoard-a potreban je paket tensorboard, koji nije instaliran; instalirajte ga sa `pip install tensorboard` (ili izvezite sa --format csv).</translation>
    </message>
    <message>
        <source>&apos;{logdir}&apos; is not a folder of TensorBoard event files.</source>
        <translation>&apos;{logdir}&apos; nije fascikla sa TensorBoard datotekama događaja.</translation>
    </message>
    <message>
        <source>&apos;{logdir}&apos; holds no TensorBoard scalars (no event files with scalar summaries).</source>
        <translation>&apos;{logdir}&apos; ne sadrži TensorBoard skalare (nema datoteka događaja sa skalarnim sažecima).</translation>
    </message>
    <message>
        <source>&apos;{logdir}&apos; has no scalar &apos;{tag}&apos;; its scalars are: {tags}.</source>
        <translation>&apos;{logdir}&apos; nema skalar &apos;{tag}&apos;; njeni skalari su: {tags}.</translation>
    </message>
    <message>
        <source>Cannot write a run to &apos;{folder}&apos;: it is a file, not a folder.</source>
        <translation>Nije moguće upisati zapis treniranja u &apos;{folder}&apos;: to je datoteka, a ne fascikla.</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; is not empty and is not a run; choose a new or empty folder for the run. Nothing was written to it.</source>
        <translation>&apos;{folder}&apos; nije prazna i nije zapis treniranja; izaberite novu ili praznu fasciklu za zapis. U nju ništa nije upisano.</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; already holds a run; choose a new or empty folder.</source>
        <translation>&apos;{folder}&apos; već sadrži zapis treniranja; izaberite novu ili praznu fasciklu.</translation>
    </message>
    <message>
        <source>The run &apos;{folder}&apos; is being written by another process; wait for it to finish or choose another folder.</source>
        <translation>Zapis &apos;{folder}&apos; upravo piše drugi proces; sačekajte da završi ili izaberite drugu fasciklu.</translation>
    </message>
    <message>
        <source>Cannot create the run folder &apos;{folder}&apos;: {reason}.</source>
        <translation>Nije moguće napraviti fasciklu zapisa &apos;{folder}&apos;: {reason}.</translation>
    </message>
    <message>
        <source>the parameter statistics</source>
        <translation>statistiku parametara</translation>
    </message>
    <message>
        <source>the attention capture</source>
        <translation>snimak pažnje</translation>
    </message>
    <message>
        <source>Checkpoints in a run are saved for GPT models only (the model has no GPTConfig).</source>
        <translation>Kontrolne tačke u zapisu čuvaju se samo za GPT modele (model nema GPTConfig).</translation>
    </message>
    <message>
        <source>Could not write {what} to the run &apos;{folder}&apos;: {reason}.</source>
        <translation>Nije bilo moguće upisati {what} u zapis &apos;{folder}&apos;: {reason}.</translation>
    </message>
    <message>
        <source>run {number}</source>
        <translation>zapis {number}</translation>
    </message>
    <message>
        <source>Following the run {name}</source>
        <translation>Praćenje zapisa {name}</translation>
    </message>
    <message>
        <source>Opening the run {name}</source>
        <translation>Otvaranje zapisa {name}</translation>
    </message>
    <message>
        <source>Following the run {title}: {steps:,} steps. Drag the Run slider to see any step; Close run returns to the live model.</source>
        <translation>Praćenje zapisa {title}: koraka {steps:,}. Pomerajte klizač zapisa da vidite bilo koji korak; Zatvori zapis vraća na živi model.</translation>
    </message>
    <message>
        <source>Viewing the run {title}: {steps:,} steps. Drag the Run slider to see any step; Close run returns to the live model.</source>
        <translation>Pregled zapisa {title}: koraka {steps:,}. Pomerajte klizač zapisa da vidite bilo koji korak; Zatvori zapis vraća na živi model.</translation>
    </message>
    <message>
        <source>Back to the live model.</source>
        <translation>Nazad na živi model.</translation>
    </message>
    <message>
        <source>The followed run {how}.</source>
        <translation>Praćeni zapis: {how}.</translation>
    </message>
    <message>
        <source>Importing TensorBoard scalars from {name}</source>
        <translation>Uvoz TensorBoard skalara iz {name}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nema</translation>
    </message>
    <message>
        <source>{logdir} has no loss scalars to overlay (tags: {tags}).</source>
        <translation>{logdir} nema skalare gubitka za preklapanje (oznake: {tags}).</translation>
    </message>
    <message>
        <source>Overlaid {count:,} loss values from {logdir}.</source>
        <translation>Preklopljeno vrednosti gubitka iz {logdir}: {count:,}.</translation>
    </message>
    <message>
        <source>failed: {message} at step {step}</source>
        <translation>nije uspeo: {message} na koraku {step}</translation>
    </message>
    <message>
        <source>failed at step {step}</source>
        <translation>nije uspeo na koraku {step}</translation>
    </message>
    <message>
        <source>writer vanished (no heartbeat) at step {step}</source>
        <translation>proces koji piše je nestao (nema otkucaja) na koraku {step}</translation>
    </message>
    <message>
        <source>finished at step {step}</source>
        <translation>završen na koraku {step}</translation>
    </message>
    <message>
        <source>step {step} (loss of step {logged}, the nearest logged)</source>
        <translation>korak {step} (gubitak koraka {logged}, najbližeg zabeleženog)</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>korak {step}</translation>
    </message>
    <message>
        <source>no stats recorded</source>
        <translation>statistika nije zabeležena</translation>
    </message>
    <message>
        <source>stats of step {step}</source>
        <translation>statistika koraka {step}</translation>
    </message>
    <message>
        <source>stats of step {step} (nearest to {requested})</source>
        <translation>statistika koraka {step} (najbližeg koraku {requested})</translation>
    </message>
    <message>
        <source>no attention recorded</source>
        <translation>pažnja nije zabeležena</translation>
    </message>
    <message>
        <source>attention of step {step}</source>
        <translation>pažnja koraka {step}</translation>
    </message>
    <message>
        <source>attention of step {step} (nearest to {requested})</source>
        <translation>pažnja koraka {step} (najbližeg koraku {requested})</translation>
    </message>
</context>
<context>
    <name>scenarios</name>
    <message>
        <source>Autograd basics (scalar)</source>
        <translation>Osnove autograd-a (skalar)</translation>
    </message>
    <message>
        <source>Backprop in a small net</source>
        <translation>Propagacija unazad u maloj mreži</translation>
    </message>
    <message>
        <source>GPT pretraining</source>
        <translation>Predtreniranje GPT-a</translation>
    </message>
</context>
<context>
    <name>session</name>
    <message>
        <source>Could not load {what}: {problem} The current model, config and run are unchanged.</source>
        <translation>Nije bilo moguće učitati {what}: {problem} Trenutni model, konfiguracija i zapis treniranja su nepromenjeni.</translation>
    </message>
    <message>
        <source>Generation needs a language model: choose &quot;{gpt}&quot; in the toolbar (the {scenario} scenario has no tokens to continue).</source>
        <translation>Za generisanje je potreban jezički model: izaberite „{gpt}“ na traci sa alatkama (scenario „{scenario}“ nema tokene koje bi nastavio).</translation>
    </message>
    <message>
        <source>There is no model to generate with; press Reset to build it.</source>
        <translation>Nema modela za generisanje; pritisnite Resetuj da ga izgradite.</translation>
    </message>
    <message>
        <source>the checkpoint {path}</source>
        <translation>kontrolnu tačku {path}</translation>
    </message>
    <message>
        <source>the Hugging Face folder {path}</source>
        <translation>Hugging Face fasciklu {path}</translation>
    </message>
    <message>
        <source>the corpus {path}</source>
        <translation>korpus {path}</translation>
    </message>
    <message>
        <source>Checkpoints hold GPT models; choose GPT pretraining first.</source>
        <translation>Kontrolne tačke čuvaju GPT modele; najpre izaberite Predtreniranje GPT-a.</translation>
    </message>
    <message>
        <source>Saving a checkpoint to {path}</source>
        <translation>Čuvam kontrolnu tačku u {path}</translation>
    </message>
    <message>
        <source>Only GPT runs can be traced again from a checkpoint; this run is &apos;{scenario}&apos;.</source>
        <translation>Samo GPT zapisi mogu ponovo da se snime iz kontrolne tačke; ovaj zapis je &apos;{scenario}&apos;.</translation>
    </message>
    <message>
        <source>Saved weights load into the GPT scenario only.</source>
        <translation>Sačuvane težine se učitavaju samo u GPT scenario.</translation>
    </message>
    <message>
        <source>{path} holds a model of another config ({difference}); nothing was loaded.</source>
        <translation>{path} sadrži model druge konfiguracije ({difference}); ništa nije učitano.</translation>
    </message>
    <message>
        <source>{path} lacks weights for {keys}.</source>
        <translation>{path}: nedostaju težine za {keys}.</translation>
    </message>
    <message>
        <source>{key} {value} instead of {other}</source>
        <translation>{key} {value} umesto {other}</translation>
    </message>
    <message>
        <source>a different config</source>
        <translation>drugačija konfiguracija</translation>
    </message>
    <message>
        <source>Kept the current model; training goes on from step {step}.</source>
        <translation>Trenutni model je zadržan; treniranje se nastavlja od koraka {step}.</translation>
    </message>
    <message>
        <source>Cancelled: the current model and its {steps:,} steps stay.</source>
        <translation>Otkazano: trenutni model i njegovi koraci ({steps:,}) ostaju.</translation>
    </message>
    <message>
        <source>The model was not replaced: its weights were not saved.</source>
        <translation>Model nije zamenjen: njegove težine nisu sačuvane.</translation>
    </message>
    <message>
        <source>Loading {what}</source>
        <translation>Učitavam {what}</translation>
    </message>
    <message>
        <source>Loading {what}…</source>
        <translation>Učitavam {what}…</translation>
    </message>
    <message>
        <source>step {step} (model now at step {now})</source>
        <translation>korak {step} (model je sada na koraku {now})</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>korak {step}</translation>
    </message>
    <message>
        <source>Saved a checkpoint of step {step} to {path}.</source>
        <translation>Sačuvana je kontrolna tačka koraka {step} u {path}.</translation>
    </message>
    <message>
        <source>The model is now on {device}.</source>
        <translation>Model je sada na uređaju {device}.</translation>
    </message>
    <message>
        <source>Traced step {step}: {position}. F11 steps on; F5 trains on (the trace stays).</source>
        <translation>Snimljen je korak {step}: {position}. F11 ide dalje korak po korak; F5 nastavlja treniranje (snimak ostaje).</translation>
    </message>
    <message>
        <source>{what}: cancelled. Nothing changed.</source>
        <translation>{what}: otkazano. Ništa nije promenjeno.</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>Start here: press F11 to step into backprop, or F5 to train.</source>
        <translation>Počnite ovde: pritisnite F11 za korak kroz propagaciju unazad ili F5 za treniranje.</translation>
    </message>
    <message>
        <source>loss {loss:.4f}</source>
        <translation>gubitak {loss:.4f}</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>gubitak {loss}</translation>
    </message>
    <message>
        <source>building the model…</source>
        <translation>gradi se model…</translation>
    </message>
    <message>
        <source>{parameters:,} parameters</source>
        <translation>parametara: {parameters:,}</translation>
    </message>
    <message>
        <source>step {steps:,}</source>
        <translation>korak {steps:,}</translation>
    </message>
    <message>
        <source>tokens {tokens:,}</source>
        <translation>tokeni {tokens:,}</translation>
    </message>
    <message>
        <source>train {train:.3f} · val {val:.3f}</source>
        <translation>tren. {train:.3f} · valid. {val:.3f}</translation>
    </message>
    <message>
        <source>{speed:,.0f} tok/s</source>
        <translation>{speed:,.0f} tok/s</translation>
    </message>
    <message>
        <source>trace: {label} · {position}</source>
        <translation>snimak: {label} · {position}</translation>
    </message>
</context>
<context>
    <name>tensor_lab</name>
    <message>
        <source>{name}: shape [{shape}], {dtype}, rank {rank}</source>
        <translation>{name}: oblik [{shape}], {dtype}, rang {rank}</translation>
    </message>
    <message>
        <source>The program is {length:,} characters long; the lab takes at most {limit:,}.</source>
        <translation>Program ima {length:,} znakova; laboratorija prima najviše {limit:,}.</translation>
    </message>
    <message>
        <source>Line {line}: this is not valid Python ({reason}).</source>
        <translation>Red {line}: ovo nije ispravan Python ({reason}).</translation>
    </message>
    <message>
        <source>Line {line}: refused: {reason}</source>
        <translation>Red {line}: odbijeno: {reason}</translation>
    </message>
    <message>
        <source>Line {line}: PyTorch could not do this: {reason}</source>
        <translation>Red {line}: PyTorch ovo nije mogao da izvrši: {reason}</translation>
    </message>
    <message>
        <source>the name &apos;{name}&apos; cannot be assigned (names starting with _ and &apos;torch&apos; are reserved).</source>
        <translation>ime &apos;{name}&apos; ne može da se dodeli (imena koja počinju sa _ i &apos;torch&apos; su rezervisana).</translation>
    </message>
    <message>
        <source>{what}; a line is `name = expression` or an expression.</source>
        <translation>{what}; red je `name = expression` ili samo izraz.</translation>
    </message>
    <message>
        <source>{what} is not allowed in the lab.</source>
        <translation>u laboratoriji nije dozvoljeno: {what}.</translation>
    </message>
    <message>
        <source>the constant {value} is not allowed; only numbers are.</source>
        <translation>konstanta {value} nije dozvoljena; dozvoljeni su samo brojevi.</translation>
    </message>
    <message>
        <source>&apos;torch&apos; on its own; use torch.tensor(...), torch.float32, ...</source>
        <translation>samo &apos;torch&apos;; koristite torch.tensor(...), torch.float32, ...</translation>
    </message>
    <message>
        <source>the name &apos;{name}&apos; is not defined here (define it first: {name} = ...).</source>
        <translation>ime &apos;{name}&apos; ovde nije definisano (najpre ga definišite: {name} = ...).</translation>
    </message>
    <message>
        <source>a slice bound</source>
        <translation>granica isečka</translation>
    </message>
    <message>
        <source>{op} on {shape}</source>
        <translation>{op} na {shape}</translation>
    </message>
    <message>
        <source>indexing works on tensors and shapes only.</source>
        <translation>indeksiranje radi samo na tenzorima i oblicima.</translation>
    </message>
    <message>
        <source>torch.{name} is not available; the lab has the types {types}, ...</source>
        <translation>torch.{name} nije dostupan; laboratorija ima tipove {types}, ...</translation>
    </message>
    <message>
        <source>the attribute .{name} is not allowed; attributes are {known}.</source>
        <translation>atribut .{name} nije dozvoljen; atributi su {known}.</translation>
    </message>
    <message>
        <source>{what} works on tensors only.</source>
        <translation>{what} radi samo na tenzorima.</translation>
    </message>
    <message>
        <source>calling {what} is not allowed in the lab.</source>
        <translation>pozivanje nije dozvoljeno u laboratoriji: {what}.</translation>
    </message>
    <message>
        <source>calling {name}(...) is not allowed; the lab calls torch.tensor(...) and tensor methods such as .reshape(...).</source>
        <translation>pozivanje {name}(...) nije dozvoljeno; laboratorija poziva torch.tensor(...) i metode tenzora kao što je .reshape(...).</translation>
    </message>
    <message>
        <source>torch.{name}(...) is not allowed; the lab has {known}.</source>
        <translation>torch.{name}(...) nije dozvoljeno; laboratorija ima {known}.</translation>
    </message>
    <message>
        <source>the method .{name}(...) is not allowed; methods are {known}.</source>
        <translation>metoda .{name}(...) nije dozvoljena; metode su {known}.</translation>
    </message>
    <message>
        <source>**keyword unpacking is not allowed.</source>
        <translation>raspakivanje **argumenata nije dozvoljeno.</translation>
    </message>
    <message>
        <source>a list comprehension</source>
        <translation>generator liste (list comprehension)</translation>
    </message>
    <message>
        <source>a generator expression</source>
        <translation>generatorski izraz</translation>
    </message>
    <message>
        <source>a dict comprehension</source>
        <translation>generator rečnika (dict comprehension)</translation>
    </message>
    <message>
        <source>a set comprehension</source>
        <translation>generator skupa (set comprehension)</translation>
    </message>
    <message>
        <source>a for loop</source>
        <translation>petlja for</translation>
    </message>
    <message>
        <source>a while loop</source>
        <translation>petlja while</translation>
    </message>
    <message>
        <source>a dict</source>
        <translation>rečnik (dict)</translation>
    </message>
    <message>
        <source>a comparison</source>
        <translation>poređenje</translation>
    </message>
    <message>
        <source>an f-string</source>
        <translation>f-niska</translation>
    </message>
    <message>
        <source>+= and friends</source>
        <translation>+= i slični operatori</translation>
    </message>
    <message>
        <source>the operator {name} is not allowed; use + - * / ** @.</source>
        <translation>operator {name} nije dozvoljen; koristite + - * / ** @.</translation>
    </message>
    <message>
        <source>{what} must be a whole number, not {value}.</source>
        <translation>{what} mora biti ceo broj, a ne {value}.</translation>
    </message>
    <message>
        <source>arithmetic works on numbers and tensors, not on {type}.</source>
        <translation>aritmetika radi na brojevima i tenzorima, a ne na tipu {type}.</translation>
    </message>
    <message>
        <source>{left} ** {right} is too large a number for the lab.</source>
        <translation>{left} ** {right} je prevelik broj za laboratoriju.</translation>
    </message>
    <message>
        <source>{what} would make {count:,} elements; the lab allows at most {limit:,}.</source>
        <translation>{what}: rezultat bi imao {count:,} elemenata; laboratorija dozvoljava najviše {limit:,}.</translation>
    </message>
    <message>
        <source>{left} @ {right} needs {cost:,} multiply-adds; the lab allows at most {limit:,}.</source>
        <translation>{left} @ {right} zahteva {cost:,} množenja sa sabiranjem; laboratorija dozvoljava najviše {limit:,}.</translation>
    </message>
    <message>
        <source>the keyword {name}= is not allowed; only dtype= is.</source>
        <translation>ključna reč {name}= nije dozvoljena; dozvoljena je samo dtype=.</translation>
    </message>
    <message>
        <source>dtype= takes a torch type such as torch.float32 or torch.int64.</source>
        <translation>dtype= prima torch tip, na primer torch.float32 ili torch.int64.</translation>
    </message>
    <message>
        <source>torch.tensor(...) takes one nested list of numbers.</source>
        <translation>torch.tensor(...) prima jednu ugnežđenu listu brojeva.</translation>
    </message>
    <message>
        <source>the literal has more than {limit:,} elements.</source>
        <translation>literal ima više od {limit:,} elemenata.</translation>
    </message>
</context>
</TS>
