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
        <source>Load the run&apos;s checkpoint at or before this step as a new model and trace the step after it</source>
        <translation>Učitaj kontrolnu tačku zapisa na ovom koraku ili pre njega kao novi model i snimi korak posle nje</translation>
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
        <source>Load the checkpoint of step {found} and trace step {next}</source>
        <translation>Učitaj kontrolnu tačku koraka {found} i snimi korak {next}</translation>
    </message>
    <message>
        <source>This run has no checkpoint at or before this step</source>
        <translation>Ovaj zapis nema kontrolnu tačku na ovom koraku ni pre njega</translation>
    </message>
    <message>
        <source>slowest</source>
        <translation>najsporiji</translation>
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
</TS>
