const vm=require('vm');const orig=vm.Script.prototype.runInContext;let calls=0,ms=0;
if(process.argv[2]==='nohook'){const vs=require('@temporalio/worker/lib/workflow/vm-shared');vs.globalHandlers.install=function(){};}
if(process.argv[2]==='notimeout'){vm.Script.prototype.runInContext=function(c,o){return orig.call(this,c,o&&{...o,timeout:undefined})};}
const fs=require('fs'),path=require('path');const {historyFromJSON}=require('@temporalio/common/lib/proto-utils');const {Worker}=require('@temporalio/worker');
const {testDataConverter,workflowBundle}=require('./dist/test/helpers/stack');
(async()=>{const b=await workflowBundle();const dir='test/fixtures/histories';
const hs=fs.readdirSync(dir).sort().map(f=>({workflowId:f,history:historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir,f))))}));
const tot=[];for(let r=0;r<5;r++){let t0;let sum=0;function* feed(){for(const h of hs){t0=performance.now();yield h}}
for await (const res of Worker.runReplayHistories({workflowBundle:b,dataConverter:testDataConverter()},feed())){ sum+=performance.now()-t0 } tot.push(sum.toFixed(0))}
console.log(process.argv[2]||'default','round totals ms',tot.join(' '));process.exit(0)})();
